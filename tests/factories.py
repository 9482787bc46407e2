"""factory_boy factories. Users get PASSWORD (see conftest.py) and a verified
primary email address, as after a completed sign-up."""

import factory
from allauth.account.models import EmailAddress

from codingdesk.accounts.models import PlanName, Role, User

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.com")
    plan = PlanName.FREE
    role = Role.MEMBER
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
