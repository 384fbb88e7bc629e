from blog import selectors
from cctvfocus.pagecache import content_version


def fragments(request):
    """
    What ``{% cache %}`` blocks need: how long a fragment may be kept and the
    content version its key carries. Both are functions, which templates call
    only when a page has such a block.
    """
    return {
        "fragment_seconds": selectors.fragment_timeout,
        "content_version": content_version,
    }
