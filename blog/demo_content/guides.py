"""Demo posts in "Guides", including the draft and the scheduled one."""

MAINTENANCE = """
<p>The most common CCTV fault we see is not a broken camera. It is a system
that stopped recording weeks ago, and nobody noticed until they needed the
footage. A short routine every six months catches almost all of it.</p>

<h2>Before you start</h2>
<p>You need the recorder's admin login, a stepladder, a soft microfibre cloth,
lens-safe cleaning fluid and a notebook. Pick a dry day, and plan to finish
after dark so you can check the night picture too.</p>

<h2>The recorder</h2>
<ol>
<li>Check that every channel is recording. Play back a few minutes from each
camera from yesterday, not just the live view.</li>
<li>Look at the oldest recording on the disk. Does it match your retention
period?</li>
<li>Check the disk health page for warnings.</li>
<li>Confirm the date and time are right, including summer time. Wrong
timestamps undermine evidence.</li>
<li>Install firmware updates from the manufacturer, after reading the release
notes.</li>
<li>Review the user accounts: remove anyone who has left, and make sure nobody
is using a default password.</li>
</ol>

<h2>The cameras</h2>
<ol>
<li>Clean the lens and dome cover gently. Domes scratch easily, so never use
kitchen roll.</li>
<li>Clear cobwebs and nests from around the housing.</li>
<li>Check that the view has not drifted: compare it with a screenshot taken at
installation.</li>
<li>Look for new obstructions: hedges that have grown, new signs, stacked
stock.</li>
<li>Check cable entries and junction boxes for water, and re-seal where
needed.</li>
<li>Confirm that privacy masks survived the last update.</li>
</ol>

<h2>After dark</h2>
<ul>
<li>Check that each camera switches to night mode.</li>
<li>Look for glare from new lights, or infrared bouncing off a nearby
surface.</li>
<li>Walk the key areas and check that you are recognisable on the
recording.</li>
</ul>

<h2>The paperwork</h2>
<p>Note in your log what you checked and what you changed, and take a fresh
reference screenshot from each camera. Check that the signs are still up and
legible, and that your CCTV policy still describes what the system actually
does. If you added a camera or changed a view, the policy may need updating
too.</p>

<table>
<thead><tr><th scope="col">Task</th><th scope="col">How often</th></tr></thead>
<tbody>
<tr><td>Spot-check playback from each camera</td><td>Monthly</td></tr>
<tr><td>The full checklist above</td><td>Every six months</td></tr>
<tr><td>Replace recorder disks</td>
<td>Every four to five years, or at the first warning</td></tr>
<tr><td>Review the policy and retention period</td><td>Yearly</td></tr>
</tbody>
</table>

<blockquote><p>A camera that is not recording is worse than no camera at all,
because everyone assumes it is.</p></blockquote>
"""

GLOSSARY = """
<p>Camera quotes are full of abbreviations. Here are the ones that come up
most often, each explained in a sentence or two. More will be added as readers
ask about them.</p>

<h2>Recording</h2>
<ul>
<li><strong>NVR (network video recorder).</strong> A box that records IP
cameras over the network. Most modern systems use one.</li>
<li><strong>DVR (digital video recorder).</strong> The older equivalent, for
analogue cameras connected by coaxial cable.</li>
<li><strong>H.265.</strong> A video compression standard that needs roughly
half the storage of the older H.264 for similar quality.</li>
<li><strong>Bitrate.</strong> How much data a camera produces each second.
Higher bitrates look better and fill disks faster.</li>
<li><strong>Retention.</strong> How long recordings are kept before they are
deleted or overwritten.</li>
</ul>

<h2>Picture</h2>
<ul>
<li><strong>Resolution.</strong> The number of pixels in the image, usually in
megapixels (MP). More pixels help only if the lens and the position make good
use of them.</li>
<li><strong>Field of view.</strong> How wide an area the camera sees, in
degrees. Wider is not always better: a wide view spreads the same pixels more
thinly.</li>
<li><strong>Varifocal lens.</strong> A lens whose zoom can be adjusted at
installation, to frame a view exactly.</li>
<li><strong>WDR (wide dynamic range).</strong> Helps with scenes that are
bright and dark at once, such as a doorway against daylight.</li>
<li><strong>IR (infrared).</strong> Invisible light from LEDs on the camera
that lets it see at night, in black and white.</li>
</ul>

<h2>Connection</h2>
<ul>
<li><strong>IP camera.</strong> A camera that sends digital video over a
computer network.</li>
<li><strong>PoE (Power over Ethernet).</strong> Power and data on a single
network cable.</li>
<li><strong>ONVIF.</strong> A standard that lets cameras and recorders from
different makers work together, at least for the basics.</li>
<li><strong>P2P.</strong> A manufacturer's cloud service that connects your
app to your recorder without router changes.</li>
</ul>

<h2>Housings and mounts</h2>
<ul>
<li><strong>Dome.</strong> A camera under a clear dome cover: discreet, and
hard to knock out of position.</li>
<li><strong>Bullet.</strong> A cylindrical camera, visible and a deterrent in
itself.</li>
<li><strong>Turret.</strong> A ball-shaped camera in a cup: easy to aim, and
free of the reflections a dome cover can cause at night.</li>
<li><strong>PTZ (pan, tilt, zoom).</strong> A camera that can be moved and
zoomed remotely.</li>
<li><strong>IP66 and IP67.</strong> Ratings for resistance to dust and water.
Outdoor cameras should be IP66 or better.</li>
</ul>
<p>Is there a term we have missed? Tell us through the contact page and we
will add it.</p>
"""

FLOOR_PLAN = """
<p>Before any of our installers picks up a drill, they draw the site. It need
not be an architect's drawing: a sketch on squared paper, roughly to scale, is
enough. Planning on paper catches blind spots, wasted overlaps and privacy
problems while they are still cheap to fix.</p>

<h2>Step 1: draw what is there</h2>
<p>Walk the site and draw the outline of the building and its boundary. Mark
doors, windows, gates, the till or reception desk, the stockroom and any
outbuildings. Add whatever blocks a view: shelving, pillars, trees, parked
vans. Note where the power and network points are, and where a recorder could
sit out of sight.</p>

<h2>Step 2: mark what matters</h2>
<p>With one coloured pen, mark the places where you need to
<em>identify</em> people: usually the entrances and the till. With another,
mark the areas where you only need to <em>observe</em> activity, such as car
parks and the shop floor. Then mark what must stay out of view: toilets, staff
rest areas, the neighbours' windows, and the public footpath wherever you can
avoid it.</p>

<h2>Step 3: draw the cones</h2>
<p>For each candidate camera, draw its field of view as a wedge from the
mounting point. A lens with a 90-degree view gives a wide, short wedge; a
40-degree lens gives a narrow one that reaches further with more detail. Shade
the part of each wedge where you could identify a face: for a typical
4-megapixel camera with a wide lens, that is only the first few metres.</p>
<ul>
<li>Do the identification zones cover every entrance?</li>
<li>Are there gaps where someone could move between cameras unseen?</li>
<li>Do any wedges cross into the areas you marked as private?</li>
<li>Is any camera looking straight into the sun or a bright window?</li>
</ul>

<h2>Step 4: trim and refine</h2>
<p>It is common to find two cameras covering the same patch of floor and
nothing covering the back door. Move, re-aim or change lenses until each
camera has a distinct job, and write that job beside it on the plan: "faces at
the front door", "yard overview". If you cannot write a job for a camera, you
probably do not need it.</p>

<h2>Step 5: keep the plan</h2>
<p>The finished sketch belongs with your records. It helps when you write your
CCTV policy, when you check during maintenance that views have not drifted,
and when someone asks why a particular area is covered. Update it whenever the
layout changes.</p>

<blockquote><p>Ten minutes with a pencil saves hours up a ladder.</p>
</blockquote>
"""

POSTS = [
    {
        "slug": "cctv-maintenance-checklist",
        "title": "A CCTV maintenance checklist you can do in an afternoon",
        "standfirst": "Cameras fail quietly. Twice a year, spend an afternoon "
        "making sure yours still record what you think they record.",
        "category": "guides",
        "author": "editor",
        "tags": ["Maintenance", "Small business", "Storage"],
        "age": 101.2,
        "views": 1678,
        "motif": "checklist",
        "cover_alt": "Illustration of a clipboard with a checklist of ticked "
        "items, on a dark green background.",
        "cover_caption": "Play back yesterday's footage, not just the live view.",
        "body": MAINTENANCE,
    },
    {
        "slug": "cctv-jargon-glossary",
        "title": "A plain-English glossary of CCTV jargon",
        "standfirst": "From NVR to WDR: the terms you will meet in quotes and "
        "spec sheets, each explained in a sentence or two.",
        "category": "guides",
        "author": "author",
        "tags": ["Home security", "Small business"],
        "status": "draft",
        "motif": "glossary",
        "cover_alt": "Illustration of an open book with letter tiles rising "
        "from its pages.",
        "cover_caption": "Spec sheets, decoded.",
        "body": GLOSSARY,
    },
    {
        "slug": "planning-camera-positions-floor-plan",
        "title": "Planning camera positions with a simple floor plan",
        "standfirst": "A sketch on squared paper is the best tool for designing "
        "a camera system. How to draw one, and what to mark on it.",
        "category": "guides",
        "author": "editor",
        "tags": ["Small business", "Retail", "Privacy"],
        "age": -4,
        "motif": "floorplan",
        "cover_alt": "Illustration of a floor plan on squared paper with three "
        "camera positions and their wedge-shaped fields of view.",
        "cover_caption": "Each camera on the plan gets one job, written beside it.",
        "body": FLOOR_PLAN,
    },
]
