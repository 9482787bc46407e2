"""(being written)"""

HANDLERS: list = []
