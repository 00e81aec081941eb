import pytest
from django.core.management import call_command

from sportloket.core.models import Loket
from sportloket.demo.knowledge import load_demo_knowledge
from sportloket.knowledge import selectors
from sportloket.knowledge.constants import Visibility
from sportloket.knowledge.models import Article

pytestmark = pytest.mark.django_db


def test_the_demo_knowledge_loads_once_with_each_visibility():
    call_command("seed_demo", "--quiet")
    demo, heuvelrug = Loket.objects.get(slug="demo"), Loket.objects.get(slug="heuvelrug")
    articles = Article.objects.filter(loket=demo)
    assert set(articles.values_list("visibility", flat=True)) == set(Visibility.values)
    assert any(article.review_due for article in articles)
    assert articles.filter(offerings__isnull=False).exists()
    # The demo desk follows Heuvelrug: its shared article shows in the demo desk's list.
    listed = selectors.desk_articles(loket=demo)
    assert listed.filter(loket=heuvelrug).count() == 1
    assert selectors.public_articles(loket=demo).count() == 2
    count = Article.objects.count()
    load_demo_knowledge(demo, heuvelrug, actor=None)
    assert Article.objects.count() == count
