from django.db import migrations

FORWARD = """
CREATE FUNCTION blog_post_search_vector_update() RETURNS trigger AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A') ||
        setweight(to_tsvector('english',
            coalesce(NEW.standfirst, '') || ' ' || coalesce(NEW.summary, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(NEW.body_text, '')), 'C');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER blog_post_search_vector
    BEFORE INSERT OR UPDATE OF title, standfirst, summary, body_text ON blog_post
    FOR EACH ROW EXECUTE FUNCTION blog_post_search_vector_update();

UPDATE blog_post SET title = title;

CREATE INDEX blog_post_search_gin ON blog_post USING gin (search_vector);
"""

BACKWARD = """
DROP INDEX IF EXISTS blog_post_search_gin;
DROP TRIGGER IF EXISTS blog_post_search_vector ON blog_post;
DROP FUNCTION IF EXISTS blog_post_search_vector_update();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    """
    Full-text search on PostgreSQL: a trigger keeps ``search_vector`` (title
    over standfirst and excerpt over body) current, and a GIN index serves it.
    Other databases use the substring fallback in ``PostQuerySet.search``.
    """

    dependencies = [("blog", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD))]
