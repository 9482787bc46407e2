"""One module per kind of question. Each exposes HANDLERS: functions
`handle(question) -> Answer | None` that answer the questions they recognize
and return None for the rest."""
