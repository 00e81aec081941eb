import factory
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret

from sportloket.accounts.models import User

TEST_PASSWORD = "correct horse battery staple"


def add_totp(user, secret: str | None = None) -> str:
    """Gives the user a TOTP device, as if they had set it up; returns the secret."""
    secret = secret or generate_totp_secret()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return secret


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")

    class Params:
        national = factory.Trait(is_national=True)

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])
