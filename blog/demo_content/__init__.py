"""
Text of the demo posts that ``blog.demo`` seeds: original prose written for
CCTV Focus's demo site. One module per category; each holds a ``POSTS`` list.

Each post is a dict: ``slug``, ``title``, ``standfirst``, ``category`` (a
category slug), ``author`` (a username from ``accounts.demo``), ``tags``
(names), ``age`` (days before the seed run; negative schedules it), ``status``,
``featured``, ``views``, ``motif`` (the cover drawing), ``cover_alt``,
``cover_caption`` and ``body`` (HTML; ``{figure}`` marks an inline image).
"""

from blog.demo_content import guides, home, kit, law, workplace

POSTS = [*kit.POSTS, *law.POSTS, *workplace.POSTS, *home.POSTS, *guides.POSTS]
