import random
from datetime import date, timedelta

import pytest

from portal.complaints import tracking
from portal.complaints.tracking import (
    check_query_code,
    hash_query_code,
    is_valid_tracking_number,
    luhn_check_digit,
    new_query_code,
    new_tracking_number,
    normalise_tracking_number,
    tracking_number_date,
)

SUBMITTED_ON = date(2026, 1, 31)


def test_luhn_check_digit_matches_known_values():
    # The textbook example and a common test card number.
    assert luhn_check_digit("7992739871") == "3"
    assert luhn_check_digit("411111111111111") == "1"


def test_luhn_check_digit_refuses_non_digits():
    with pytest.raises(ValueError):
        luhn_check_digit("12a4")
    with pytest.raises(ValueError):
        luhn_check_digit("")


def test_generated_numbers_are_valid_and_carry_their_date():
    first_day = date(2024, 1, 1)
    numbers = [new_tracking_number(first_day + timedelta(days=i)) for i in range(10_000)]
    for i, number in enumerate(numbers):
        submitted_on = first_day + timedelta(days=i)
        assert len(number) == 16
        assert number.isascii() and number.isdigit()
        assert number.startswith(submitted_on.strftime("%Y%m%d"))
        assert is_valid_tracking_number(number)
        assert tracking_number_date(number) == submitted_on
    assert len(set(numbers)) == len(numbers)


def test_numbers_of_one_day_are_random_not_sequential():
    numbers = [new_tracking_number(SUBMITTED_ON) for _ in range(10_000)]
    assert all(is_valid_tracking_number(number) for number in numbers)
    # 10^7 random values a day: 10,000 draws collide about 5 times (birthday bound), which is
    # why the database column is unique and the caller retries. Far more would mean weak
    # randomness; a sequence would have none.
    assert len(set(numbers)) >= 9_980
    random_parts = sorted(int(number[8:15]) for number in numbers)
    gaps = [b - a for a, b in zip(random_parts, random_parts[1:], strict=False)]
    assert sum(gaps) / len(gaps) > 500
    # Leading zeros are kept, so every number has the same length.
    assert any(number[8] == "0" for number in numbers)


def test_numbers_use_the_secrets_module(monkeypatch):
    monkeypatch.setattr(tracking.secrets, "randbelow", lambda upper: 42)
    number = new_tracking_number(SUBMITTED_ON)
    assert number[:15] == "202601310000042"
    assert number[15] == luhn_check_digit(number[:15])


def _valid_numbers(count):
    rng = random.Random(20260131)
    numbers = []
    for _ in range(count):
        payload = SUBMITTED_ON.strftime("%Y%m%d") + f"{rng.randrange(10**7):07d}"
        numbers.append(payload + luhn_check_digit(payload))
    return numbers


@pytest.mark.parametrize("number", _valid_numbers(50))
def test_every_single_digit_typo_is_detected(number):
    for position in range(16):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            typo = number[:position] + digit + number[position + 1 :]
            assert not is_valid_tracking_number(typo), typo


@pytest.mark.parametrize("number", _valid_numbers(50))
def test_every_adjacent_transposition_except_09_is_detected(number):
    for position in range(15):
        pair = number[position : position + 2]
        if pair[0] == pair[1] or pair in ("09", "90"):
            continue
        swapped = number[:position] + pair[::-1] + number[position + 2 :]
        assert not is_valid_tracking_number(swapped), swapped


def test_luhn_cannot_detect_swapping_09_and_90():
    # A known limit of Luhn: 0 and 9 sum to 9 whether doubled or not. Shown on both parities.
    for payload in ("202601310900000", "202601310090000"):
        number = payload + luhn_check_digit(payload)
        swapped = number.replace("09", "90", 1)
        assert swapped != number
        assert is_valid_tracking_number(number)
        assert is_valid_tracking_number(swapped)


@pytest.mark.parametrize(
    "number",
    [
        "",
        "202601310000042",  # 15 digits
        "20260131000004200",  # 17 digits
        "2026013100000421x",
        "２０２６０１３１０００００４２４",  # full-width: normalise first
    ],
)
def test_malformed_numbers_are_invalid(number):
    assert not is_valid_tracking_number(number)


@pytest.mark.parametrize("not_a_date", ["20261331", "20260230", "20270229", "00000000"])
def test_a_real_date_is_required_even_with_a_correct_check_digit(not_a_date):
    payload = not_a_date + "1234567"
    assert not is_valid_tracking_number(payload + luhn_check_digit(payload))


@pytest.mark.parametrize(
    "typed",
    [
        "２０２６０１３１１２３４５６７{check}",
        "2026 0131 1234 567{check}",
        "2026-0131-1234567-{check}",
        "２０２６－０１３１　１２３４５６７{check}",
        "受理编号：20260131 1234567 {check}\n",
    ],
)
def test_normalise_accepts_full_width_digits_spaces_and_dashes(typed):
    check = luhn_check_digit("202601311234567")
    full_width_check = chr(ord("０") + int(check))
    text = typed.format(check=full_width_check if "２" in typed else check)
    number = normalise_tracking_number(text)
    assert number == "202601311234567" + check
    assert is_valid_tracking_number(number)


def test_normalise_keeps_digits_only():
    assert normalise_tracking_number("abc") == ""
    assert normalise_tracking_number(" 1-2 ３ ") == "123"


def test_query_codes_are_six_digits():
    codes = [new_query_code() for _ in range(2_000)]
    assert all(len(code) == 6 and code.isascii() and code.isdigit() for code in codes)
    assert any(code.startswith("0") for code in codes)
    assert len(set(codes)) > 1_900


def test_query_code_hash_round_trip():
    stored_hash = hash_query_code("012345")
    algorithm, n, r, p, salt_hex, key_hex = stored_hash.split("$")
    assert (algorithm, n, r, p) == ("scrypt", "16384", "8", "1")
    assert len(bytes.fromhex(salt_hex)) == 16
    assert len(bytes.fromhex(key_hex)) == 32
    assert "012345" not in stored_hash
    assert check_query_code("012345", stored_hash)
    assert check_query_code("０１２３４５", stored_hash)
    assert check_query_code(" 012345 ", stored_hash)


def test_wrong_query_code_is_rejected():
    stored_hash = hash_query_code("012345")
    for wrong in ("012346", "12345", "0123456", "", "abcdef", "012 34"):
        assert not check_query_code(wrong, stored_hash)


def test_same_code_hashes_differently_each_time():
    assert hash_query_code("123456") != hash_query_code("123456")


def test_stored_hash_parameters_are_honoured():
    # Hashes made with other parameters keep working if the defaults change later.
    salt = bytes(16)
    key = tracking._scrypt("654321", salt, 2**10, 8, 1, 32)
    stored_hash = f"scrypt${2**10}$8$1${salt.hex()}${key.hex()}"
    assert check_query_code("654321", stored_hash)
    assert not check_query_code("654320", stored_hash)


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", ""])
def test_only_six_digit_codes_are_hashed(code):
    with pytest.raises(ValueError):
        hash_query_code(code)


@pytest.mark.parametrize(
    "stored_hash",
    ["", "argon2$x", "scrypt$16384$8$1$zz$00", "scrypt$16384$8$1$00$", "scrypt$a$8$1$00$00"],
)
def test_malformed_stored_hash_raises(stored_hash):
    with pytest.raises(ValueError):
        check_query_code("123456", stored_hash)
