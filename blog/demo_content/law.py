"""Demo posts in "Privacy & law"."""

POINT = """
<p>Home CCTV has become cheap and easy to fit, and disputes between neighbours
over cameras have become correspondingly common. Most of them could be avoided
with ten minutes spent thinking about where a camera actually looks, rather
than where it is mounted.</p>
<p><em>This article gives general information about how data protection rules
tend to apply to home cameras in the UK. It is not legal advice; if you are in
a dispute, talk to a solicitor or to the regulator.</em></p>

<h2>Your own property is the easy part</h2>
<p>If a camera only captures your own house, garden and drive, the footage is
generally treated as a purely personal matter, and data protection law has
little to say about it. You still have to behave reasonably (not using
footage to harass anyone, for example), but you are not taking on the formal
duties of an organisation that handles personal data.</p>

<h2>Once the view crosses the boundary</h2>
<p>Things change when the camera captures space beyond your boundary: a
neighbour's garden, a shared drive, the public pavement or the street. The
regulator's general position is that you are then processing other people's
personal data, and the exemption for household activity no longer covers you
fully. In practice you should be able to:</p>
<ul>
<li>explain why you need to record beyond your property (repeated damage to a
car parked on the street, say);</li>
<li>show that you have kept the intrusion to a minimum;</li>
<li>tell people that recording is happening, usually with a sign;</li>
<li>give people footage of themselves if they ask for it, and delete it if
they have good reason to object;</li>
<li>keep recordings secure, and only for as long as you need them.</li>
</ul>

<h2>Narrow the view before you switch it on</h2>
{figure}
<p>The diagram shows the usual problem. A wide-angle camera on a front wall
sweeps across the path, the pavement and the neighbour's front window. The
same camera, turned a few degrees and fitted with a slightly narrower lens,
covers the drive and the front door and very little else. Most modern cameras
also let you draw <strong>privacy masks</strong>: blacked-out areas that are
never recorded. Masking a neighbour's window or garden takes a minute and shows
good faith.</p>

<h2>Audio is a different matter</h2>
<p>Many doorbells and cameras record sound by default. Microphones pick up
conversations well beyond the edge of the picture, often from the street or
from next door. Recording audio is much harder to justify than recording
video, and switching it off is usually the sensible default.</p>

<h2>Talk to the neighbours first</h2>
<p>A short conversation before installation heads off most complaints. Show
them what the camera sees on your phone, offer to mask anything that worries
them, and explain why you are fitting it. Neighbours who feel consulted rarely
escalate; neighbours who discover a lens aimed at their kitchen usually
do.</p>

<h3>A quick self-check</h3>
<ol>
<li>Stand where the camera is and look at the live view. What beyond your
boundary can you see?</li>
<li>Could you achieve your aim with less of it in shot?</li>
<li>Is audio off, unless you have a strong reason for it?</li>
<li>Is there a sign, and would you be comfortable showing the footage to a
neighbour who asked?</li>
</ol>
<p>If you can answer those honestly, you are most of the way to a setup that
protects your home without making enemies next door.</p>
"""

RETENTION = """
<p>When we ask a new client how long their system keeps footage, the most
common answer is "until the disk fills up". That is a retention period chosen
by a hard-drive manufacturer, not by the business. It is worth choosing one on
purpose.</p>

<h2>Why retention matters</h2>
<p>Footage of identifiable people is personal data, and data protection
principles say you should keep it no longer than you need it for the purpose
you collected it for. Beyond the legal point, old footage is a liability: it
can be leaked, stolen along with the recorder, or requested by people with
every right to ask for it, at which point somebody has to search through
it.</p>

<h2>Choosing a period</h2>
<p>Work out how long it usually takes for an incident to come to light. In a
shop, stock discrepancies might surface at a monthly stocktake. In an office
car park, damage is normally noticed the same day. Set retention to cover that
window with a margin, and no more.</p>
<table>
<thead><tr><th scope="col">Setting</th><th scope="col">Typical retention</th>
<th scope="col">Why</th></tr></thead>
<tbody>
<tr><td>Home, own property</td><td>7 to 30 days</td>
<td>Incidents are noticed quickly</td></tr>
<tr><td>Small shop</td><td>30 days</td>
<td>Covers monthly stock checks and card disputes</td></tr>
<tr><td>Office or warehouse</td><td>14 to 31 days</td>
<td>Covers holidays and late reports</td></tr>
<tr><td>Footage saved for an incident</td><td>Until the matter is closed</td>
<td>Export it, and log why it is kept</td></tr>
</tbody>
</table>
<p>These are common starting points, not rules. What matters is that you can
explain the number you chose.</p>

<h2>Set it in the recorder, not just in the policy</h2>
<p>Most recorders let you set a maximum age for recordings, separately from
overwriting when the disk is full. Use that setting. Then size the storage so
that the disk comfortably holds the chosen period: a disk that fills in nine
days quietly overrules a thirty-day policy.</p>

<h2>Who may see it</h2>
<p>Access should be on a need-to-know basis. In a small business that usually
means the owner and one or two named managers. Good practice includes:</p>
<ul>
<li>a separate login for each person who can view footage, never a shared
admin account;</li>
<li>view-only accounts for people who do not need to export clips;</li>
<li>a simple log of who exported what, when and why;</li>
<li>a monitor that customers and passers-by cannot see.</li>
</ul>

<h2>Requests from outside</h2>
<p>Three kinds of request come up regularly. The <strong>police</strong> may
ask for footage to investigate a crime; you can usually provide it, and should
note the officer's name, the reference number and what you handed over.
<strong>Insurers</strong> may ask after a claim; give them only the relevant
clip. <strong>Individuals</strong> have a right to ask for footage of
themselves. You normally have a month to respond, and you may need to blur
other people who appear in the same clip.</p>

<h3>Exporting safely</h3>
<p>Export the shortest clip that covers the incident, in the recorder's own
format plus a standard MP4 if the recipient needs one. Keep a copy with your
log, store it encrypted, and delete it when the matter is closed.</p>
"""

RENTED = """
<p>Cameras in rented property fill our inbox with more confused questions than
almost any other topic. Two parties have a legitimate interest in the same
building, and neither owns the whole picture. What follows is general
information to help both sides have a sensible conversation; it is not legal
advice, and tenancy agreements vary.</p>

<h2>For tenants</h2>
<h3>Inside your home</h3>
<p>A rented home is your home. Indoor cameras, such as a pet camera in the
living room, are generally a matter for you and the people you live with. In a
shared house, though, do not record other tenants in shared rooms without
their agreement: the kitchen and the lounge are their home too.</p>
<h3>Doorbells and outdoor cameras</h3>
<p>Fixing anything to the outside of the building, including a doorbell that
needs screws or wiring, usually needs the landlord's permission under the
tenancy. Ask in writing, explain what you want to fit and where it will look,
and offer to make good any holes when you leave. Many landlords will happily
agree to a battery doorbell or a camera that fits without drilling. Flats
raise a further issue: a doorbell in a shared corridor records every neighbour
who walks past.</p>

<h2>For landlords</h2>
<h3>Cameras inside a let property</h3>
<p>Once a home is let, a landlord should not have cameras recording inside it.
That includes cameras left over from before the tenancy, or bundled into a
smart-home system. Disable and remove them, or hand control entirely to the
tenant. Recording tenants in their own home is a serious intrusion and can
have serious consequences.</p>
<h3>Shared areas and the outside</h3>
<p>In blocks of flats and shared houses, landlords sometimes fit cameras at
entrances, bin stores and car parks. That can be reasonable, but it means the
landlord is handling residents' personal data. Residents should be told what
is recorded and why, footage should be kept for a short, defined period, and
access should be restricted. Cameras in corridors that show the doors of
individual flats need particular care, because they reveal who visits whom,
and when.</p>

<h2>Questions both sides can ask</h2>
<ul>
<li>What problem is the camera meant to solve, and is it a real, recent
one?</li>
<li>Whose spaces does it see, and can those be masked?</li>
<li>Who can view the footage, and from where?</li>
<li>How long is it kept?</li>
<li>What happens to the camera and the recordings when the tenancy ends?</li>
</ul>

<h2>Moving out, moving in</h2>
<p>Tenants should take their devices with them, delete or hand over the
accounts properly, and make good any fixings. Landlords taking back a property
should check for devices left behind, reset anything they keep to factory
settings, and change any Wi-Fi passwords those devices used.</p>

<blockquote><p>The tenant's home is private; the shared spaces are shared. Most
disputes fade once both sides accept that.</p></blockquote>
"""

POSTS = [
    {
        "slug": "where-your-cameras-may-point",
        "title": "Where your cameras may point: neighbours, footpaths and the law",
        "standfirst": "Your camera can watch your property. Trouble starts when "
        "it also watches someone else's. Keeping the view on your side of the "
        "fence.",
        "category": "privacy-and-law",
        "author": "author",
        "tags": ["Privacy", "Data protection", "Home security"],
        "age": 272.9,
        "views": 3412,
        "motif": "cone",
        "cover_alt": "Illustration of a camera on a house wall casting a pale "
        "cone of view over a garden path, stopping short of the next house.",
        "cover_caption": "Aim the view at your own property, and mask what lies "
        "beyond it.",
        "body": POINT,
    },
    {
        "slug": "storing-cctv-footage-retention-and-access",
        "title": "Storing CCTV footage: how long to keep it and who may see it",
        "standfirst": "Keeping everything forever feels safe. It is costly, "
        "risky and hard to justify. A practical approach to retention and "
        "access.",
        "category": "privacy-and-law",
        "author": "author",
        "tags": ["Storage", "Data protection", "Policies"],
        "age": 211.3,
        "views": 1526,
        "motif": "storage",
        "cover_alt": "Illustration of a stack of three hard-disk cylinders "
        "beside a clock face, on a plum-coloured background.",
        "cover_caption": "Pick a retention period on purpose, then make the "
        "recorder keep to it.",
        "body": RETENTION,
    },
    {
        "slug": "cameras-in-rented-homes",
        "title": "Cameras in rented homes: a guide for tenants and landlords",
        "standfirst": "Can a tenant fit a doorbell camera? Can a landlord watch "
        "the shared hallway? It depends, and here is what it depends on.",
        "category": "privacy-and-law",
        "author": "author",
        "tags": ["Renting", "Privacy", "Home security"],
        "age": 47.6,
        "views": 964,
        "motif": "house",
        "cover_alt": "Illustration of a simple house outline with a key in "
        "front of it and a small camera under the eaves.",
        "cover_caption": "A tenant's home is private; the shared spaces are shared.",
        "body": RENTED,
    },
]
