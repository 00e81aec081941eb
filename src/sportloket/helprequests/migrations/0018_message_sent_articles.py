"""A message's ``sent_articles``: what it carried, written when it is sent, so that a question's
timelines read it with the message instead of joining the articles (a query each on the desk's
page and the tracking page). Messages sent before get theirs from the articles they link."""

from django.db import migrations, models

BATCH = 500


def fill(apps, schema_editor):
    Message = apps.get_model("helprequests", "Message")
    links = (
        Message.articles.through.objects.select_related("article")
        .only("message_id", "article__title")
        .order_by("message_id", "article__title", "article_id")
    )
    sent = {}
    for link in links.iterator(chunk_size=BATCH):
        sent.setdefault(link.message_id, []).append(
            {"pk": link.article_id, "title": link.article.title}
        )
    messages = [Message(pk=pk, sent_articles=articles) for pk, articles in sent.items()]
    Message.objects.bulk_update(messages, ["sent_articles"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("helprequests", "0017_linked_name"),
        ("knowledge", "0001_articles"),
    ]

    operations = [
        migrations.AddField(
            model_name="message",
            name="sent_articles",
            field=models.JSONField(
                blank=True, default=list, editable=False, verbose_name="articles sent"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
