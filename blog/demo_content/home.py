"""Demo posts in "Smart home"."""

DOORBELLS = """
<p>The video doorbell has quietly become the most widely installed security
camera in the country. It is easy to see why: it costs less than a night out,
fits in twenty minutes and tells you who is at the door while you are at work.
It is also, by design, a camera pointed outwards at a shared space, with a
microphone attached.</p>

<h2>Why doorbells are different from other cameras</h2>
<p>A camera under the eaves looking down at your drive mostly sees your drive.
A doorbell sits at chest height, looking straight out, often through a wide
fish-eye lens. In a terraced street that view can take in the pavement, the
road, the houses opposite and the front doors on either side. Motion detection
means it may record every passer-by, and many models keep those clips in the
cloud by default.</p>

<h2>Settings worth changing on day one</h2>
<ul>
<li><strong>Motion zones.</strong> Draw the detection area around your own
path and doorstep, not the pavement. It also cuts down on pointless
alerts.</li>
<li><strong>Privacy zones.</strong> Where the app allows it, black out the
neighbours' windows and front doors so they are never recorded.</li>
<li><strong>Audio.</strong> Consider turning off sound recording for motion
clips. Two-way talk when someone presses the button is fine; capturing
conversations on the street is not.</li>
<li><strong>History.</strong> Set the cloud history to the shortest period
that is useful to you. Thirty days is plenty for most households.</li>
<li><strong>Sharing.</strong> Check whether the app shares clips to a
neighbourhood feed or with partner organisations, and switch that off unless
you chose it deliberately.</li>
</ul>

<h2>Account security matters as much as placement</h2>
<p>A doorbell is a camera on your house that can be watched from anywhere. Use
a unique password, turn on two-step verification, and remove access for old
phones and for people who have moved out. Keep the firmware up to date; most
doorbells do this by themselves if you leave the option on.</p>

<h2>Visitors, couriers and the people you live with</h2>
<p>People who come to your door expect that you might see them, but not
necessarily that they are being recorded and stored. A small sticker saying
the doorbell records video is courteous and, if your camera sees beyond your
boundary, expected. Inside the household, be open about who can view the
history: a shared doorbell account reveals a lot about when each person comes
and goes.</p>

<h2>When a neighbour objects</h2>
<p>If someone next door raises a concern, show them the live view and the
zones you have set. Often that settles it. If their front door really is in
shot, consider moving the doorbell, fitting a wedge mount to angle it away, or
masking the area. A doorbell cannot always avoid the pavement entirely, but it
can avoid staring at someone else's home.</p>

<h3>Quick reference</h3>
<table>
<thead><tr><th scope="col">Setting</th><th scope="col">Suggested default</th>
</tr></thead>
<tbody>
<tr><td>Motion zone</td><td>Your path and doorstep only</td></tr>
<tr><td>Audio on motion clips</td><td>Off</td></tr>
<tr><td>Cloud history</td><td>30 days or less</td></tr>
<tr><td>Two-step verification</td><td>On</td></tr>
<tr><td>Neighbourhood sharing</td><td>Off, unless you chose it</td></tr>
</tbody>
</table>
"""

REMOTE = """
<p>Being able to check the shop from the school gates, or see who is in the
garden when an alert fires, is one of the main reasons people buy a modern
camera system. It is also the part of the system most likely to be attacked.
Here is how to have the convenience without leaving the door open.</p>

<h2>Three ways in</h2>
<ol>
<li><strong>The manufacturer's cloud.</strong> The recorder makes an outgoing
connection to the manufacturer's service, and your app connects through it.
It is easy and usually needs no router changes, but you are trusting that
company with access to your cameras and, sometimes, with copies of your
footage.</li>
<li><strong>Port forwarding.</strong> The router is set to let the internet
reach the recorder directly. It is simple, and it is the riskiest option:
recorders exposed this way are scanned constantly, and older firmware has a
long history of serious flaws.</li>
<li><strong>A VPN.</strong> Your phone joins your home or business network
through an encrypted tunnel before it talks to the recorder. Nothing is
exposed to the internet except the VPN itself. Many routers now include one,
and it is our preferred option wherever the client is comfortable with
it.</li>
</ol>

<h2>Basic hygiene</h2>
<ul>
<li>Change every default password: on the recorder, the cameras and the
router.</li>
<li>Turn on two-step verification for any cloud account.</li>
<li>Switch off UPnP on the router, so devices cannot open ports by
themselves.</li>
<li>Keep firmware current, and replace equipment that no longer gets
updates.</li>
<li>Put cameras on their own network segment, or the guest network, if the
router supports it.</li>
</ul>

<h2>Professional monitoring</h2>
<p>Some businesses go further and connect their cameras to a monitoring
centre. When an analytic rule fires, say a person in the yard after hours, an
operator looks at the live picture and can challenge the intruder through a
loudspeaker or call the keyholder and the police. It works well for sites that
stand empty at night, but it means a third party can watch your cameras. Ask
where the centre is, how its staff are vetted, what it records, and how it
logs each time someone views your site.</p>

<h2>Alerts that help rather than nag</h2>
<p>A phone that buzzes forty times a day teaches you to ignore it. Tune the
alerts so that they mean something:</p>
<ul>
<li>use person and vehicle detection rather than raw motion;</li>
<li>set schedules, so the shop floor only alerts outside opening hours;</li>
<li>keep zones tight, and away from roads and trees;</li>
<li>send alerts to the people who will act on them, not to everyone.</li>
</ul>

<h3>Sharing access with family or staff</h3>
<p>Give each person their own account with only the permissions they need,
such as live view without export. Remove access promptly when someone leaves.
Shared logins make it impossible to tell who looked at what, and they never
seem to get changed.</p>

<blockquote><p>Remote access should feel like a locked door you carry the key
to, not an open window you hope nobody notices.</p></blockquote>
"""

POSTS = [
    {
        "slug": "smart-doorbells-and-privacy",
        "title": "Smart doorbells and privacy: a guide for good neighbours",
        "standfirst": "Video doorbells are the most common camera on British "
        "streets. A few settings separate a useful gadget from a neighbourhood "
        "irritant.",
        "category": "smart-home",
        "author": "author",
        "tags": ["Smart doorbells", "Privacy", "Home security"],
        "age": 238.5,
        "views": 2210,
        "motif": "doorbell",
        "cover_alt": "Illustration of a video doorbell with a round camera lens "
        "and a glowing ring button, on a warm terracotta background.",
        "cover_caption": "Motion zones, privacy zones and audio off: three "
        "settings that keep the peace.",
        "body": DOORBELLS,
    },
    {
        "slug": "remote-monitoring-without-the-worry",
        "title": "Remote monitoring without the worry",
        "standfirst": "Watching your cameras from your phone is convenient. Done "
        "carelessly, it lets other people watch them too. How to set up remote "
        "access safely.",
        "category": "smart-home",
        "author": "author",
        "tags": ["Remote monitoring", "Networking", "Home security"],
        "age": 6.3,
        "views": 412,
        "motif": "phone",
        "cover_alt": "Illustration of a smartphone showing a camera view, with "
        "a padlock and signal arcs beside it.",
        "cover_caption": "A VPN keeps the recorder off the open internet.",
        "body": REMOTE,
    },
]
