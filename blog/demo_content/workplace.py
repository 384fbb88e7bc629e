"""Demo posts in "Workplace"."""

EMOTION = """
<p>Every few months a vendor contacts us about adding "sentiment analytics" to
an installation. The pitch is usually the same: the cameras already watch the
shop floor or the call centre, so why not let software score how engaged,
stressed or satisfied the people in view appear to be? It sounds like a modest
upgrade. It is one of the most contested uses of camera technology there is,
and we do not fit it.</p>

<h2>What the software actually does</h2>
<p>Emotion-recognition systems find a face in the frame, measure the positions
of features such as the eyebrows, eyelids and the corners of the mouth, and
feed those measurements to a model trained on labelled images. The output is a
set of scores: so much "happy", so much "angry", so much "neutral". Some
products add tone of voice, posture or how long someone looks at a
screen.</p>
<p>The crucial word is <em>labelled</em>. The model learns to match
arrangements of facial features to the labels that people gave the training
images. It does not learn what anybody felt.</p>

<h2>The science underneath is disputed</h2>
<p>The idea that a handful of basic emotions show up as universal facial
expressions has been influential, but reviews of the research have found that
faces vary enormously with context, culture and personal habit. A frown can
mean concentration; a smile can mean discomfort; plenty of people show little
on their faces at all. Inferring an inner state from the shape of a face is,
at best, a guess with a confidence score attached.</p>
<blockquote><p>A camera can tell you that someone's eyebrows are lowered. It
cannot tell you why.</p></blockquote>

<h2>Accuracy and bias</h2>
<p>Independent tests of facial analysis systems have repeatedly found uneven
performance across groups of people. Typical problems include:</p>
<ul>
<li>higher error rates for people with darker skin, often because they were
under-represented in the training data;</li>
<li>misreadings of older faces, faces with visible differences, and people
wearing religious head coverings;</li>
<li>systematic misinterpretation of neurodivergent people, whose expressions
may not follow the expected patterns;</li>
<li>much poorer results in real lighting and at real angles than on the posed
photographs the models were trained on.</li>
</ul>
<p>In a workplace those errors do not stay on a dashboard. If scores feed into
performance reviews, shift patterns or disciplinary decisions, the people most
likely to be misread are the ones who bear the cost.</p>

<h2>The legal picture is tightening</h2>
<p>Data protection regulators in the UK and Europe have warned organisations
that emotion analysis is immature, and that using it to make decisions about
people will be hard to justify. The EU's AI Act goes further and prohibits
emotion recognition in workplaces and schools, apart from narrow medical and
safety uses. Even where it is not banned, an employer would need a clear
purpose, a documented assessment of the risks, and a way for staff to
challenge the results.</p>

<h2>What we recommend instead</h2>
<p>If the real goal is better customer service or a safer workplace, there are
more honest tools:</p>
<ol>
<li>Ask people. Short, anonymous surveys of staff and customers measure
satisfaction directly.</li>
<li>Count, do not judge. Footfall and queue-length analytics describe what is
happening without claiming to read minds.</li>
<li>Keep cameras to the purpose you told people about, usually security and
safety, and write that purpose into your CCTV policy.</li>
</ol>
<p>Cameras earn trust in a workplace when staff know exactly what they are
for. Software that claims to see inside people's heads spends that trust very
quickly.</p>
"""

POLICY = """
<p>Most small businesses with cameras have no written policy. That is
understandable: the system went in after a break-in, and paperwork was the
last thing on anyone's mind. But a short, honest policy is one of the cheapest
ways to make a camera system trustworthy, and it makes every awkward question
easier to answer later.</p>
<p><em>This is a general outline, not legal advice. Your sector or your
circumstances may call for more.</em></p>

<h2>What the policy is for</h2>
<p>A CCTV policy writes down decisions you have already made, or should have
made: why the cameras exist, what they cover, how long footage is kept and who
can see it. It shows staff and customers that the system is under control, and
it gives whoever is on duty a clear answer when the police, an insurer or an
employee asks for footage.</p>

<h2>The sections to include</h2>
<h3>1. Purpose</h3>
<p>State plainly why you use CCTV: for example, to prevent and investigate
crime and to protect the safety of staff and visitors. Be specific. "Security"
is a purpose; "any purpose the management sees fit" is not.</p>
<h3>2. Who is responsible</h3>
<p>Name the person or role who owns the system, and how to contact them.</p>
<h3>3. What is covered</h3>
<p>List the camera positions and what each one sees. Note the areas
deliberately left out, such as toilets, changing rooms and staff rest areas,
and say whether audio is recorded (ideally not).</p>
<h3>4. Signs</h3>
<p>Describe where the signs are and what they say.</p>
<h3>5. Retention</h3>
<p>Give the standard retention period, and explain what happens to footage
saved because of an incident.</p>
<h3>6. Access and disclosure</h3>
<p>Who may watch live and recorded footage, who may export it, and how
disclosures to the police, insurers and individuals are logged.</p>
<h3>7. Requests from individuals</h3>
<p>How someone can ask for footage of themselves, who deals with it, and the
time limit for a reply.</p>
<h3>8. Staff</h3>
<p>If cameras capture staff, say so directly. State whether footage may ever
be used in disciplinary matters, and in what circumstances. Staff who learn
about this for the first time in a disciplinary meeting stop trusting the
whole system.</p>
<h3>9. Review</h3>
<p>Commit to reviewing the policy every year, and whenever the system
changes.</p>

<h2>Assess before you record</h2>
<p>For any system that records staff or the public, it is good practice to
write a short assessment of the privacy risks alongside the policy. It need
not be long. Set out what you are trying to achieve, whether something less
intrusive would do, what the risks to people are, and what you have done to
reduce them: privacy masks, shorter retention, limited access. For larger or
more intrusive systems, regulators expect a formal data protection impact
assessment.</p>

<h2>Tell people it exists</h2>
<p>Give the policy to staff and mention it at induction. Keep a copy where a
customer could ask to see it, or publish a short version on your website. A
policy in a drawer does little; a policy people know about does a great
deal.</p>

<blockquote><p>If you could not comfortably read your CCTV policy aloud to your
staff, the policy, or the system, needs to change.</p></blockquote>
"""

ANALYTICS = """
<p>Modern cameras do more than record. Many now run small analytic models on
the device itself, flagging events rather than leaving you to scroll through
hours of footage. Used well, analytics make a system far more useful. Used
carelessly, they flood you with false alarms, or quietly turn a security camera
into a tracking system.</p>

<h2>The common analytics</h2>
<ul>
<li><strong>Person and vehicle detection.</strong> The camera classifies
moving objects, so a swaying tree or a passing cat no longer sets off an
alert.</li>
<li><strong>Line crossing and intrusion zones.</strong> An alert fires when
someone crosses a virtual line or enters an area, such as a yard after
closing.</li>
<li><strong>Loitering.</strong> Flags a person who stays in an area longer than
a set time.</li>
<li><strong>People counting and queue length.</strong> Counts visitors or
measures queues without needing to know who anyone is.</li>
<li><strong>Object left or removed.</strong> Notices a bag left in a lobby or a
pallet missing from a loading bay.</li>
</ul>
<p>These work best with good lighting, cameras mounted at a sensible height and
angle, and zones drawn with care. Most false alarms we investigate come from
zones that take in a road, a hedge or a reflective window.</p>

<h2>Automatic number-plate recognition</h2>
<p>ANPR cameras read vehicle registration plates and turn them into text. At
work they open barriers for staff, log deliveries or manage a customer car
park. They need a dedicated camera: a narrow field of view, a fast shutter to
freeze moving plates, and infrared tuned to the reflective surface of a plate.
A general overview camera will rarely read plates reliably.</p>
<h3>What affects accuracy</h3>
<ul>
<li>the angle between camera and plate: anything steeper than about 30 degrees
hurts;</li>
<li>vehicle speed, and whether vehicles stop at a barrier;</li>
<li>dirty, damaged or non-standard plates;</li>
<li>tow bars, bike racks and trailers hiding part of the plate.</li>
</ul>
<p>A well-installed barrier system can be very accurate. A camera on a fast
road at a sharp angle will not be, whatever the brochure says.</p>

<h2>Privacy considerations</h2>
<p>A number plate usually leads straight back to a person, so a plate log is
personal data. It is also a movement history: who arrived, when, and how
often. Before switching ANPR on, decide what you need it for, how long you will
keep the log, and who can search it. A car park that only needs to raise a
barrier for staff does not need a year of visitors' plates.</p>

<blockquote><p>Counting people is rarely controversial. Recognising them is. Be
clear with yourself which one you are doing.</p></blockquote>

<h2>Questions to ask a supplier</h2>
<ol>
<li>Does the analysis run on the camera, on the recorder, or in someone else's
cloud?</li>
<li>What is stored: video, metadata, plates, face images?</li>
<li>Can retention for analytic data be set separately from video?</li>
<li>How were the accuracy figures measured, and in what conditions?</li>
</ol>
<p>Analytics should make a system quieter and more focused. If they make it
noisier or more intrusive, switch them off.</p>
"""

POSTS = [
    {
        "slug": "emotion-recognition-at-work",
        "title": "Emotion recognition at work: why it is so contested",
        "standfirst": "Software that claims to read mood from a face is being "
        "sold to employers. The science is shaky, the bias is real, and the law "
        "is catching up.",
        "category": "workplace",
        "author": "author",
        "tags": ["Employees", "Video analytics", "Privacy"],
        "age": 17.8,
        "views": 4890,
        "featured": True,
        "motif": "face",
        "cover_alt": "Illustration of a face outline overlaid with tracking "
        "dots and connecting lines inside a scanner frame, with a question mark "
        "where a mood score would be.",
        "cover_caption": "Measuring the shape of a face is not the same as "
        "knowing how someone feels.",
        "body": EMOTION,
    },
    {
        "slug": "writing-a-cctv-policy-for-a-small-business",
        "title": "Writing a CCTV policy for a small business",
        "standfirst": "Two pages that say why you record, what you keep and who "
        "can see it. They protect your staff, your customers and you.",
        "category": "workplace",
        "author": "author",
        "tags": ["Policies", "Small business", "Employees", "Data protection"],
        "age": 74.5,
        "views": 1187,
        "motif": "document",
        "cover_alt": "Illustration of a policy document with ruled lines and a "
        "small camera symbol, with a green tick badge in its corner.",
        "cover_caption": "A short, honest policy answers most awkward questions "
        "before they are asked.",
        "body": POLICY,
    },
    {
        "slug": "video-analytics-and-number-plate-recognition",
        "title": "Video analytics and number-plate recognition: what they can "
        "and cannot do",
        "standfirst": "Line crossing, people counting and ANPR save hours of "
        "scrubbing through footage. They also raise the stakes for accuracy and "
        "privacy.",
        "category": "workplace",
        "author": "author",
        "tags": ["Video analytics", "Privacy", "Small business"],
        "age": 129.1,
        "views": 2031,
        "motif": "plate",
        "cover_alt": "Illustration of a blank vehicle number plate inside the "
        "corner brackets of a scanning frame, with a horizontal scan line.",
        "cover_caption": "A plate log is a movement history: keep only what you need.",
        "body": ANALYTICS,
    },
]
