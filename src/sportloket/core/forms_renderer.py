from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    """Renders every form field with the site's template: label, help, error, widget, in the
    order a screen reader should meet them, with Django's aria-describedby links intact."""

    field_template_name = "includes/field.html"
