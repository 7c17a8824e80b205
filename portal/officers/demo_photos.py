"""Drawn stand-in portraits for demo officers (no real person's face), stored like uploads."""

import io
import random

from PIL import Image, ImageDraw

from portal.officers.photos import store_photo

UNIFORM = (22, 48, 84)
SKIN_TONES = [(241, 204, 170), (228, 185, 145), (214, 170, 128), (236, 196, 160)]
HAIR = [(30, 28, 28), (45, 38, 34), (20, 20, 24)]
BACKDROPS = [(214, 226, 240), (225, 232, 238), (205, 220, 236)]


def draw_portrait(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (360, 480), rng.choice(BACKDROPS))
    draw = ImageDraw.Draw(image)
    skin = rng.choice(SKIN_TONES)
    draw.ellipse((20, 330, 340, 640), fill=UNIFORM)  # shoulders
    draw.polygon([(150, 330), (210, 330), (180, 400)], fill=(240, 240, 240))  # collar
    draw.polygon([(172, 345), (188, 345), (184, 420), (176, 420)], fill=(18, 28, 46))  # tie
    draw.rectangle((150, 270, 210, 340), fill=skin)  # neck
    draw.ellipse((105, 120, 255, 300), fill=skin)  # face
    draw.chord((100, 100, 260, 230), 180, 360, fill=rng.choice(HAIR))  # hair
    draw.rectangle((90, 95, 270, 140), fill=UNIFORM)  # cap
    draw.rectangle((80, 135, 280, 150), fill=(12, 30, 56))  # brim
    draw.ellipse((168, 102, 192, 126), fill=(242, 194, 48))  # badge on the cap
    for eye_x in (150, 210):
        draw.ellipse((eye_x - 7, 200, eye_x + 7, 212), fill=(40, 32, 30))
    draw.arc((155, 235, 205, 265), 20, 160, fill=(150, 80, 70), width=4)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def store_demo_photos(session, officers) -> None:
    for officer in officers:
        officer.photo_key = store_photo(draw_portrait(int(officer.badge_no)))
    session.flush()
