//! The `math` functions whose results must match the C library or CPython bit for bit
//! and that Rust does not provide in that form: the GNU C library's `cbrt`, inverse
//! hyperbolic functions, `erf` and `erfc`, and CPython's own `gamma` and `lgamma`.

use super::{frexp, MathError};
use crate::types::float::ldexp;

// ---- cube root and inverse hyperbolic functions ------------------------------------------
//
// As the C library computes them (Rust's own formulas differ in the last bit for some
// arguments).

const LN2: f64 = std::f64::consts::LN_2;
const TWO_POW_28: f64 = 268435456.0;

/// The cube root as the GNU C library computes it (a polynomial first guess refined by
/// one Halley step), which is what CPython's `math.cbrt` returns on Linux; Rust's own
/// `cbrt` is correctly rounded and so differs in the last bit for many arguments.
pub fn cbrt(x: f64) -> f64 {
    const CBRT2: f64 = 1.2599210498948732;
    const SQUARE_CBRT2: f64 = 1.5874010519681996;
    const FACTOR: [f64; 5] = [1.0 / SQUARE_CBRT2, 1.0 / CBRT2, 1.0, CBRT2, SQUARE_CBRT2];
    if x == 0.0 || !x.is_finite() {
        return x + x;
    }
    let (m, e) = frexp(x.abs());
    let u = 0.35489576504391984
        + (1.508191937815849
            + (-2.114994941673713
                + (2.4469312256353444
                    + (-1.8346927748361308 + (0.7849323449766392 - 0.14526389938548637 * m) * m)
                        * m)
                    * m)
                * m)
            * m;
    let t2 = u * u * u;
    let y = u * (t2 + 2.0 * m) / (2.0 * t2 + m) * FACTOR[(2 + e % 3) as usize];
    ldexp(y, e / 3).copysign(x)
}

pub fn asinh(x: f64) -> f64 {
    let a = x.abs();
    if !a.is_finite() || a < 1.0 / TWO_POW_28 {
        return x + x * 0.0;
    }
    let w = if a > TWO_POW_28 {
        a.ln() + LN2
    } else if a > 2.0 {
        (2.0 * a + 1.0 / ((x * x + 1.0).sqrt() + a)).ln()
    } else {
        let t = x * x;
        (a + t / (1.0 + (1.0 + t).sqrt())).ln_1p()
    };
    w.copysign(x)
}

pub fn acosh(x: f64) -> f64 {
    if x < 1.0 || x.is_nan() {
        return f64::NAN;
    }
    if x >= TWO_POW_28 {
        if x.is_infinite() {
            return x;
        }
        return x.ln() + LN2;
    }
    if x == 1.0 {
        return 0.0;
    }
    if x > 2.0 {
        let t = x * x;
        (2.0 * x - 1.0 / (x + (t - 1.0).sqrt())).ln()
    } else {
        let t = x - 1.0;
        (t + (2.0 * t + t * t).sqrt()).ln_1p()
    }
}

pub fn atanh(x: f64) -> f64 {
    let a = x.abs();
    if a.is_nan() || a > 1.0 {
        return f64::NAN;
    }
    if a == 1.0 {
        return x / 0.0;
    }
    if a < 1.0 / TWO_POW_28 {
        return x;
    }
    let t = if a < 0.5 {
        let t = a + a;
        0.5 * (t + t * a / (1.0 - a)).ln_1p()
    } else {
        0.5 * ((a + a) / (1.0 - a)).ln_1p()
    };
    t.copysign(x)
}

// ---- gamma and lgamma: CPython's Lanczos approximation ------------------------------------

const LANCZOS_N: usize = 13;
const LANCZOS_G: f64 = 6.02468004077673;
const LANCZOS_G_MINUS_HALF: f64 = 5.52468004077673;
const LANCZOS_NUMERATOR: [f64; LANCZOS_N] = [
    23531376880.41076,
    42919803642.6491,
    35711959237.35567,
    17921034426.03721,
    6039542586.352028,
    1439720407.3117216,
    248874557.86205417,
    31426415.585400194,
    2876370.6289353725,
    186056.26539522348,
    8071.672002365816,
    210.82427775157936,
    2.5066282746310002,
];
/// The coefficients of x(x+1)…(x+11), lowest first.
const LANCZOS_DENOMINATOR: [f64; LANCZOS_N] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
const LOG_PI: f64 = 1.1447298858494002;

/// The rational function of the Lanczos approximation, evaluated in 1/x for large x to
/// avoid overflow.
fn lanczos_sum(x: f64) -> f64 {
    let (mut numerator, mut denominator) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..LANCZOS_N).rev() {
            numerator = numerator * x + LANCZOS_NUMERATOR[i];
            denominator = denominator * x + LANCZOS_DENOMINATOR[i];
        }
    } else {
        for i in 0..LANCZOS_N {
            numerator = numerator / x + LANCZOS_NUMERATOR[i];
            denominator = denominator / x + LANCZOS_DENOMINATOR[i];
        }
    }
    numerator / denominator
}

/// sin(pi * x) for finite x, accurate near the integers.
fn sin_pi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i64 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        // sin(pi*(1-y)) rather than -sin(pi*(y-1)), which would give -0.0 at y = 1.
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

pub fn gamma(x: f64) -> Result<f64, MathError> {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return Ok(x);
        }
        return Err(MathError::Domain);
    }
    if x == 0.0 {
        return Err(MathError::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathError::Domain);
        }
        if x <= 23.0 {
            // Exact: (x-1)! fits a float's mantissa up to 22!.
            let mut r = 1.0;
            for i in 2..(x as i64) {
                r *= i as f64;
            }
            return Ok(r);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(MathError::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        if x < 0.0 {
            return Ok(0.0 / sin_pi(x));
        }
        return Err(MathError::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error in y, to correct for below.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let root = y.powf(absx / 2.0 - 0.25);
            r /= root;
            r /= root;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let root = y.powf(absx / 2.0 - 0.25);
            r *= root;
            r *= root;
        }
    }
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

pub fn lgamma(x: f64) -> Result<f64, MathError> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return Err(MathError::Domain);
        }
        return Ok(0.0);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        // The reflection formula.
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(MathError::Range);
    }
    Ok(r)
}

// ---- erf and erfc: the C library's rational approximations ------------------------------
//
// CPython's erf and erfc are the C library's. These follow the GNU C library's (Sun's
// fdlibm method with glibc's evaluation order of the polynomials), so results agree to
// the bit: rational approximations on [0, 0.84375), [0.84375, 1.25), [1.25, 1/0.35) and
// [1/0.35, 28), the last two scaled by exp(-x*x) split to keep it exact.

const ERX: f64 = 0.8450629115104675;
const EFX: f64 = 0.1283791670955126;
// erf on [0, 0.84375): x + x*P(x*x)/Q(x*x).
const PP0: f64 = 0.12837916709551256;
const PP1: f64 = -0.3250421072470015;
const PP2: f64 = -0.02848174957559851;
const PP3: f64 = -0.005770270296489442;
const PP4: f64 = -2.3763016656650163e-05;
const QQ1: f64 = 0.39791722395915535;
const QQ2: f64 = 0.0650222499887673;
const QQ3: f64 = 0.005081306281875766;
const QQ4: f64 = 0.00013249473800432164;
const QQ5: f64 = -3.960228278775368e-06;
// erf on [0.84375, 1.25): erx + P(s)/Q(s), s = |x| - 1.
const PA0: f64 = -0.0023621185607526594;
const PA1: f64 = 0.41485611868374833;
const PA2: f64 = -0.3722078760357013;
const PA3: f64 = 0.31834661990116175;
const PA4: f64 = -0.11089469428239668;
const PA5: f64 = 0.035478304325618236;
const PA6: f64 = -0.002166375594868791;
const QA1: f64 = 0.10642088040084423;
const QA2: f64 = 0.540397917702171;
const QA3: f64 = 0.07182865441419627;
const QA4: f64 = 0.12617121980876164;
const QA5: f64 = 0.01363708391202905;
const QA6: f64 = 0.011984499846799107;
// erfc on [1.25, 1/0.35).
const RA0: f64 = -0.009864944034847148;
const RA1: f64 = -0.6938585727071818;
const RA2: f64 = -10.558626225323291;
const RA3: f64 = -62.375332450326006;
const RA4: f64 = -162.39666946257347;
const RA5: f64 = -184.60509290671104;
const RA6: f64 = -81.2874355063066;
const RA7: f64 = -9.814329344169145;
const SA1: f64 = 19.651271667439257;
const SA2: f64 = 137.65775414351904;
const SA3: f64 = 434.56587747522923;
const SA4: f64 = 645.3872717332679;
const SA5: f64 = 429.00814002756783;
const SA6: f64 = 108.63500554177944;
const SA7: f64 = 6.570249770319282;
const SA8: f64 = -0.0604244152148581;
// erfc on [1/0.35, 28).
const RB0: f64 = -0.0098649429247001;
const RB1: f64 = -0.799283237680523;
const RB2: f64 = -17.757954917754752;
const RB3: f64 = -160.63638485582192;
const RB4: f64 = -637.5664433683896;
const RB5: f64 = -1025.0951316110772;
const RB6: f64 = -483.5191916086514;
const SB1: f64 = 30.33806074348246;
const SB2: f64 = 325.7925129965739;
const SB3: f64 = 1536.729586084437;
const SB4: f64 = 3199.8582195085955;
const SB5: f64 = 2553.0504064331644;
const SB6: f64 = 474.52854120695537;
const SB7: f64 = -22.44095244658582;
const TINY: f64 = 1e-300;

/// The high 32 bits of a float's representation, as fdlibm classifies arguments by them.
fn high_word(x: f64) -> i32 {
    (x.to_bits() >> 32) as i32
}

/// P/Q of the approximation on [0, 0.84375), in z = x*x.
fn erf_small(z: f64) -> f64 {
    let r1 = PP0 + z * PP1;
    let z2 = z * z;
    let r2 = PP2 + z * PP3;
    let z4 = z2 * z2;
    let s1 = 1.0 + z * QQ1;
    let s2 = QQ2 + z * QQ3;
    let s3 = QQ4 + z * QQ5;
    let r = r1 + z2 * r2 + z4 * PP4;
    let s = s1 + z2 * s2 + z4 * s3;
    r / s
}

/// (P, Q) of the approximation on [0.84375, 1.25), in s = |x| - 1.
fn erf_middle(s: f64) -> (f64, f64) {
    let p1 = PA0 + s * PA1;
    let s2 = s * s;
    let q1 = 1.0 + s * QA1;
    let s4 = s2 * s2;
    let p2 = PA2 + s * PA3;
    let s6 = s4 * s2;
    let q2 = QA2 + s * QA3;
    let p3 = PA4 + s * PA5;
    let q3 = QA4 + s * QA5;
    (
        p1 + s2 * p2 + s4 * p3 + s6 * PA6,
        q1 + s2 * q2 + s4 * q3 + s6 * QA6,
    )
}

/// x * erfc(x) for x in [1.25, 28): exp(-x*x - 0.5625 + R/S), with x*x split so the
/// exponent is exact. `near` picks the approximation for x < 1/0.35.
fn erfc_tail(x: f64, near: bool) -> f64 {
    let s = 1.0 / (x * x);
    let (r, q) = if near {
        let r1 = RA0 + s * RA1;
        let s2 = s * s;
        let q1 = 1.0 + s * SA1;
        let s4 = s2 * s2;
        let r2 = RA2 + s * RA3;
        let s6 = s4 * s2;
        let q2 = SA2 + s * SA3;
        let s8 = s4 * s4;
        let r3 = RA4 + s * RA5;
        let q3 = SA4 + s * SA5;
        let r4 = RA6 + s * RA7;
        let q4 = SA6 + s * SA7;
        (
            r1 + s2 * r2 + s4 * r3 + s6 * r4,
            q1 + s2 * q2 + s4 * q3 + s6 * q4 + s8 * SA8,
        )
    } else {
        let r1 = RB0 + s * RB1;
        let s2 = s * s;
        let q1 = 1.0 + s * SB1;
        let s4 = s2 * s2;
        let r2 = RB2 + s * RB3;
        let s6 = s4 * s2;
        let q2 = SB2 + s * SB3;
        let r3 = RB4 + s * RB5;
        let q3 = SB4 + s * SB5;
        let q4 = SB6 + s * SB7;
        (
            r1 + s2 * r2 + s4 * r3 + s6 * RB6,
            q1 + s2 * q2 + s4 * q3 + s6 * q4,
        )
    };
    // z is x with the low half of its mantissa cleared, so z*z is exact.
    let z = f64::from_bits(x.to_bits() & 0xffff_ffff_0000_0000);
    (-z * z - 0.5625).exp() * ((z - x) * (z + x) + r / q).exp()
}

pub fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return 1.0f64.copysign(x);
    }
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix < 0x3feb_0000 {
        if ix < 0x3e30_0000 {
            if ix < 0x0080_0000 {
                // Scaled to avoid a spurious underflow.
                return 0.0625 * (16.0 * x + (16.0 * EFX) * x);
            }
            return x + EFX * x;
        }
        return x + x * erf_small(x * x);
    }
    if ix < 0x3ff4_0000 {
        let (p, q) = erf_middle(x.abs() - 1.0);
        return if hx >= 0 { ERX + p / q } else { -ERX - p / q };
    }
    if ix >= 0x4018_0000 {
        return if hx >= 0 { 1.0 - TINY } else { TINY - 1.0 };
    }
    let a = x.abs();
    let r = erfc_tail(a, ix < 0x4006_db6e);
    if hx >= 0 {
        1.0 - r / a
    } else {
        r / a - 1.0
    }
}

pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.is_infinite() {
        return if x > 0.0 { 0.0 } else { 2.0 };
    }
    let hx = high_word(x);
    let ix = hx & 0x7fff_ffff;
    if ix < 0x3feb_0000 {
        if ix < 0x3c70_0000 {
            return 1.0 - x;
        }
        let y = erf_small(x * x);
        if hx < 0x3fd0_0000 {
            return 1.0 - (x + x * y);
        }
        let r = x * y + (x - 0.5);
        return 0.5 - r;
    }
    if ix < 0x3ff4_0000 {
        let (p, q) = erf_middle(x.abs() - 1.0);
        return if hx >= 0 {
            (1.0 - ERX) - p / q
        } else {
            1.0 + (ERX + p / q)
        };
    }
    if ix < 0x403c_0000 {
        if hx < 0 && ix >= 0x4018_0000 {
            return 2.0 - TINY;
        }
        let a = x.abs();
        let r = erfc_tail(a, ix < 0x4006_db6d);
        return if hx > 0 { r / a } else { 2.0 - r / a };
    }
    if hx > 0 {
        TINY * TINY
    } else {
        2.0 - TINY
    }
}
