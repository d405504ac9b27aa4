//! `float`: CPython's `repr` (the shortest digits that round-trip, laid out with
//! CPython's rule: scientific notation below 1e-4 and from 1e16).

/// `repr(x)` / `str(x)` of a float, exactly as CPython prints it.
pub fn repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0" } else { "0.0" }.to_string();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "d.ddddde±x".
    let formatted = format!("{:e}", x);
    let (mantissa, exponent) = formatted.split_once('e').expect("exponent form");
    let exponent: i32 = exponent.parse().expect("an exponent");
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            out.push_str("0.");
            for _ in 0..(-point) {
                out.push('0');
            }
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            for _ in 0..(point as usize - digits.len()) {
                out.push('0');
            }
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exponent < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exponent.abs()));
    }
    out
}

/// CPython's hash of a float: equal to the hash of an equal int.
pub fn hash(x: f64) -> i64 {
    const MODULUS: u64 = (1 << 61) - 1;
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & MODULUS) | (h >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= MODULUS {
            h -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & MODULUS) | (h >> (61 - e));
    let mut result = h as i64;
    if x < 0.0 {
        result = -result;
    }
    if result == -1 {
        -2
    } else {
        result
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exponent - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(repr(1e16), "1e+16");
        assert_eq!(repr(1e15), "1000000000000000.0");
        assert_eq!(repr(0.0001), "0.0001");
        assert_eq!(repr(0.00001), "1e-05");
        assert_eq!(repr(1.5), "1.5");
        assert_eq!(repr(-2.0), "-2.0");
        assert_eq!(repr(1.7976931348623157e308), "1.7976931348623157e+308");
        assert_eq!(repr(123456789.125), "123456789.125");
    }

    #[test]
    fn hash_matches_int_hash() {
        assert_eq!(hash(1.0), 1);
        assert_eq!(hash(2.5), 1152921504606846978);
        assert_eq!(hash(-1.0), -2);
    }
}
