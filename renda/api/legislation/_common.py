from ninja import Router

router = Router(tags=["legislation"])
VIEW = "legislation.view"
