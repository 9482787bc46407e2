from ninja import Router

router = Router(tags=["code sets"])
