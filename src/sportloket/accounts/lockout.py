"""How django-axes identifies the account behind a login attempt."""


def username_from_request(request, credentials):
    # allauth authenticates with ``email=…``; its login form posts the field ``login``.
    value = ""
    if credentials:
        value = credentials.get("email") or credentials.get("username") or ""
    if not value and request is not None and request.method == "POST":
        value = request.POST.get("login", "")
    return value.strip().lower()
