"""Demo posts in "Cameras & kit"."""

SHOP = """
<p>Most shop owners who ring us have just had a bad week. A till came up short,
a window was cracked overnight, or a customer insisted they had been
short-changed and nobody could prove otherwise. The instinct is to buy as many
cameras as the budget allows. The better approach is to start from the
questions you want the footage to answer, and work backwards to the kit.</p>

<h2>Start with the questions, not the cameras</h2>
<p>Write down the three or four incidents you most want to be able to review.
For a typical small shop the list looks something like this:</p>
<ul>
<li>Who was at the till, and what changed hands, at a given time.</li>
<li>Who came through the front door, with a face clear enough to recognise.</li>
<li>What happened at the stockroom or back door, especially out of hours.</li>
<li>How a slip or a trip on the shop floor actually happened.</li>
</ul>
<p>Each of these is a different job. A camera over the till needs a close,
steady view of hands and the counter. A door camera needs to catch faces as
people pause on the threshold, not the tops of their heads. A back-door camera
has to cope with darkness. Treating them as one job is how people end up with
wide, pretty views of the whole shop that cannot identify anyone.</p>

<h2>Observe, recognise, identify</h2>
<p>Installers often talk about three levels of detail. <strong>Observe</strong>
means you can see that something happened: a person walked down an aisle.
<strong>Recognise</strong> means someone who knows the person could say who it
is. <strong>Identify</strong> means a stranger could pick them out with
confidence. The level you get depends on how many pixels land on the subject,
which depends on resolution, lens and distance together.</p>
<p>A 4-megapixel camera with a wide lens at the back of the shop will usually
only let you observe the front door. The same camera mounted just inside the
entrance, angled at head height across the doorway, can identify. Placement
does more for you than a bigger number on the box.</p>

<h2>A sensible starting kit</h2>
<table>
<thead><tr><th scope="col">Position</th><th scope="col">Camera type</th>
<th scope="col">What it is for</th></tr></thead>
<tbody>
<tr><td>Entrance, inside</td><td>Fixed dome, narrower lens</td>
<td>Faces of everyone coming in</td></tr>
<tr><td>Above the till</td><td>Compact dome or mini turret</td>
<td>Hands, cash, card terminal</td></tr>
<tr><td>Shop floor</td><td>Wide-angle turret</td>
<td>General overview, slips and trips</td></tr>
<tr><td>Back door or yard</td><td>Turret with good infrared</td>
<td>Deliveries, out-of-hours activity</td></tr>
</tbody>
</table>
<p>Four cameras and a small network video recorder (NVR) cover most shops under
about 150 square metres. Larger floors, or awkward layouts with tall shelving,
might need one or two more.</p>

<h2>Recording and storage</h2>
<p>Keep the recorder somewhere out of reach, ideally a locked cupboard rather
than under the counter where a thief can simply carry it off. Decide how long
you need to keep footage before you buy disks: a month is typical for retail,
and that number sets the storage size. Many shops also pay for a small cloud
backup of motion events, so the evidence survives even if the recorder does
not.</p>

<h2>Tell people, and keep it proportionate</h2>
<p>Put clear signs at the entrance saying that recording is taking place, who
is responsible, and how to get in touch. Keep cameras out of staff-only areas
such as a break room or toilets, and think twice before enabling audio, which
is far harder to justify than video. If staff will be on camera, tell them in
writing what is recorded and why.</p>
<blockquote><p>The best system is the one that answers the question you will
actually be asked, by the person who will actually ask it, weeks after the
event.</p></blockquote>

<h2>Before you take a quote</h2>
<p>Ask any installer to show you sample footage from a similar shop, at night
as well as by day. Ask who will hold the admin password, how firmware updates
are handled, and how quickly you can export a clip for the police or an
insurer. Good answers to those three questions tell you more than any
specification sheet.</p>
"""

NIGHT = """
<p>Most CCTV footage that matters is recorded at night, which makes it odd how
little attention buyers pay to how a camera sees in the dark. Here is what goes
on inside the housing once the sun goes down.</p>

<h2>What infrared illumination is</h2>
<p>Camera sensors are sensitive to near-infrared light, just beyond the red end
of what our eyes can see. Most security cameras carry a ring of infrared LEDs
around the lens. At night they flood the scene with light that is invisible to
people but bright to the sensor. That is why a camera can produce a clear
picture of a garden that looks pitch black to you.</p>
<p>Many IR LEDs glow a faint red when you look straight at them. Cameras sold
as "no-glow" use a longer wavelength that is practically invisible, at the
cost of some range.</p>

<h2>Why the picture turns black and white</h2>
<p>During the day a small filter sits in front of the sensor and blocks
infrared, so colours look natural. When the light fades, the camera moves the
filter out of the way, often with an audible click, and switches to
monochrome. Infrared carries no useful colour information, so a black and white
image is sharper and less noisy than a false-colour one would be.</p>
<figure class="embed"><iframe src="https://www.youtube-nocookie.com/embed/q7RvN2xK4pE"
title="A turret camera switching from colour to infrared at dusk" width="560"
height="315" allowfullscreen></iframe><figcaption>Dusk over a yard: watch the
picture switch from colour to infrared, and the far fence fade as the IR range
runs out.</figcaption></figure>

<h2>Reading an IR range claim</h2>
<p>A box that says "30 m IR" means the LEDs can light something at 30 metres
well enough to see that it is there. It does not mean you can identify a face
at that distance. As a rule of thumb, expect useful detail at a third to a half
of the quoted range. Pale walls and light paving reflect infrared well; lawns,
hedges and dark tarmac soak it up.</p>

<h2>Common night-time problems</h2>
<ul>
<li><strong>White-out.</strong> A nearby wall or soffit bounces infrared
straight back into the lens. Angle the camera away from close surfaces.</li>
<li><strong>Spider webs.</strong> Insects are drawn to the warm housing, and
webs glow brightly under IR, setting off endless motion alerts. Clean the
camera regularly.</li>
<li><strong>Glass.</strong> A camera behind a window sees only its own
reflection at night. Mount it outside.</li>
<li><strong>Headlights and floodlights.</strong> Strong light can blind the
sensor. Look for wide dynamic range (WDR), and test at night before you settle
on a position.</li>
</ul>

<h2>Colour night vision</h2>
<p>Newer cameras use larger sensors and brighter lenses to keep producing
colour in low light, often with a small warm-white LED for when it is truly
dark. Colour matters when you need to describe a jacket or a car, and a visible
light deters on its own. The trade-off is that a white light can annoy
neighbours and attract insects. For a back yard we often combine the two:
infrared cameras for coverage, and one colour camera with its own light on the
main approach.</p>

<h3>Test before you finish</h3>
<p>Always check a new installation after dark. Walk the area at the distances
that matter, look at the recorded footage rather than the live view, and
adjust. Ten minutes in the cold on installation night saves a lot of
disappointment later.</p>
"""

POE = """
<p>Every camera needs two things: power, and a way to get its pictures to a
recorder or the cloud. How you provide them affects reliability more than
almost any other choice you make.</p>

<h2>Power over Ethernet in a nutshell</h2>
<p>Power over Ethernet (PoE) sends electricity and data down the same network
cable. A PoE switch or recorder sits indoors, a single cable runs to each
camera, and nothing at the camera end needs a socket. A standard Cat6 run can
be up to 100 metres long, which covers almost every house and most small
commercial sites.</p>
<h3>Strengths</h3>
<ul>
<li>Reliable: no interference, no dropped frames when the microwave goes
on.</li>
<li>Central power: put the switch on a small UPS and every camera keeps
recording through a power cut.</li>
<li>Secure: there is no radio link to jam or eavesdrop on.</li>
<li>Bandwidth: high-resolution cameras can record continuously without choking
the household Wi-Fi.</li>
</ul>
<h3>Weaknesses</h3>
<ul>
<li>Cables have to be run, which can mean drilling, lifting floorboards or
clipping along walls.</li>
<li>Installation takes longer and usually costs more up front.</li>
</ul>

<h2>Wireless and battery cameras</h2>
<p>"Wireless" can mean two different things. Some cameras use Wi-Fi for data
but still need a mains plug nearby. Others are truly wire-free, running on
rechargeable batteries or a small solar panel. Both connect to your router over
Wi-Fi and usually record to the cloud or to a memory card in the camera.</p>
<h3>Strengths</h3>
<ul>
<li>Quick to fit, with no cables to hide: handy in rented homes and listed
buildings.</li>
<li>Easy to move if the first position turns out to be wrong.</li>
</ul>
<h3>Weaknesses</h3>
<ul>
<li>Wi-Fi fades with distance, through brick and near metal; garages and
sheds are classic blind spots.</li>
<li>Battery cameras sleep between events to save power, so they can miss the
first second or two and rarely record continuously.</li>
<li>Batteries need charging, especially in winter when the cold saps their
capacity.</li>
<li>Radio jammers, though uncommon, can blind a Wi-Fi camera.</li>
</ul>

<h2>How we usually decide</h2>
<table>
<thead><tr><th scope="col">Situation</th><th scope="col">Our usual choice</th>
</tr></thead>
<tbody>
<tr><td>New build, or renovation with the walls open</td>
<td>PoE, every time</td></tr>
<tr><td>Shop, office or warehouse</td>
<td>PoE to a recorder in a locked cupboard</td></tr>
<tr><td>Rented flat, short-term need</td><td>Plug-in Wi-Fi camera indoors</td></tr>
<tr><td>Gate or shed far from the house</td>
<td>PoE if a cable is feasible; a solar battery camera if not</td></tr>
</tbody>
</table>

<h2>A middle path</h2>
<p>A mixed system is perfectly reasonable. Wire the cameras that matter most,
such as the front door, the drive and the back door, and use a battery camera
for the awkward spot at the end of the garden. Just make sure they all end up
in one app or recorder, so you are not hunting through three places after an
incident.</p>
<blockquote><p>If you can run a cable, run a cable. If you genuinely cannot,
choose wireless with your eyes open.</p></blockquote>
"""

POSTS = [
    {
        "slug": "choosing-cctv-for-a-small-shop",
        "title": "Choosing CCTV for a small shop",
        "standfirst": "Four or five well-placed cameras beat a dozen badly placed "
        "ones. How to decide what you need before anyone quotes you a price.",
        "category": "cameras-and-kit",
        "author": "editor",
        "tags": ["Retail", "Small business", "Storage"],
        "age": 296.4,
        "views": 1843,
        "motif": "dome",
        "cover_alt": "Illustration of a white ceiling dome camera with an amber "
        "lens on a deep blue background crossed by faint grid lines.",
        "cover_caption": "A dome over the till and one at the door do most of "
        "the work in a small shop.",
        "body": SHOP,
    },
    {
        "slug": "night-vision-and-infrared-explained",
        "title": "Night vision and infrared, explained",
        "standfirst": "Why your camera turns black and white after dark, what "
        "an IR range really means, and when colour night vision is worth it.",
        "category": "cameras-and-kit",
        "author": "editor",
        "tags": ["Night vision", "Home security"],
        "age": 183.7,
        "views": 2675,
        "motif": "night",
        "cover_alt": "Illustration of a bullet camera under a crescent moon, "
        "sending curved bands of infrared light into a dark blue night.",
        "cover_caption": "Infrared LEDs light the scene for the sensor, not for "
        "your eyes.",
        "body": NIGHT,
    },
    {
        "slug": "poe-or-wireless-cameras",
        "title": "PoE or wireless? Choosing how your cameras connect",
        "standfirst": "A cable carries power and pictures reliably for decades. "
        "Wireless is quicker to fit. Which trade-off suits your building?",
        "category": "cameras-and-kit",
        "author": "editor",
        "tags": ["Networking", "Home security", "Small business"],
        "age": 158.2,
        "views": 1290,
        "motif": "network",
        "cover_alt": "Illustration of a network switch with cables running to "
        "two cameras on one side and Wi-Fi arcs rising on the other.",
        "cover_caption": "One cable for power and pictures, or a radio link and "
        "a battery: each has its place.",
        "body": POE,
    },
]
