//! Tests for format_spec.rs.  The tables at the end were recorded from
//! CPython 3.11.7 (`format(value, spec)` and `format % args`), so each row
//! is an assertion that Pyrite's output is byte-identical to CPython's.

use super::*;
use num_bigint::BigInt;
use std::fmt::Debug;

fn int(text: &str) -> BigInt {
    text.parse().expect("table holds decimal ints")
}

fn float(text: &str) -> f64 {
    text.parse().expect("table holds float reprs")
}

/// Checks every row and reports all mismatches at once.
fn check_rows<V: Debug>(
    rows: &[(V, &str, Result<&str, &str>)],
    run: impl Fn(&V, &str) -> Result<String, String>,
) {
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|(value, spec, expected)| {
            let got = run(value, spec);
            let same = match (&got, expected) {
                (Ok(got), Ok(expected)) => got == expected,
                (Err(got), Err(expected)) => got == expected,
                _ => false,
            };
            (!same).then(|| format!("{value:?} {spec:?}: got {got:?}, want {expected:?}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows differ:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

fn format_int_with(value: &str, spec: &str, type_name: &str) -> Result<String, String> {
    format_int(&int(value), &parse(spec, type_name)?, type_name)
}

#[test]
fn ints_format_as_cpython() {
    check_rows(INT_CASES, |value, spec| format_int_with(value, spec, "int"));
}

#[test]
fn bools_are_named_in_errors() {
    check_rows(BOOL_CASES, |value, spec| {
        format_int_with(value, spec, "bool")
    });
}

#[test]
fn floats_format_as_cpython() {
    check_rows(FLOAT_CASES, |value, spec| {
        format_float(float(value), &parse(spec, "float")?, "float")
    });
}

#[test]
fn strs_format_as_cpython() {
    check_rows(STR_CASES, |value, spec| {
        format_str(value, &parse(spec, "str")?)
    });
}

#[test]
fn random_floats_round_as_cpython() {
    let mut failures = Vec::new();
    for &(bits, repr, expected) in RANDOM_FLOATS {
        let x = f64::from_bits(bits);
        if float_repr(x) != repr {
            failures.push(format!("repr {repr}: got {}", float_repr(x)));
        }
        for (spec, want) in RANDOM_SPECS.iter().zip(expected) {
            let got = format_float(x, &parse(spec, "float").unwrap(), "float").unwrap();
            if got != want {
                failures.push(format!("{repr} {spec:?}: got {got:?}, want {want:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn float_repr_matches_cpython() {
    let cases = [
        (1e16, "1e+16"),
        (1.5e-5, "1.5e-05"),
        (0.0001, "0.0001"),
        (123456789012345.0, "123456789012345.0"),
        (1e15, "1000000000000000.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (-0.0, "-0.0"),
        (0.1 + 0.2, "0.30000000000000004"),
        (5e-324, "5e-324"),
        (f64::MAX, "1.7976931348623157e+308"),
        (2.0, "2.0"),
        // Two 17-digit candidates round-trip; CPython takes the nearer.
        (-2134936657686903.0 - 0.25, "-2134936657686903.2"),
        (1467925969048791.0 + 0.25, "1467925969048791.2"),
    ];
    for (x, want) in cases {
        assert_eq!(float_repr(x), want);
    }
}

#[test]
fn format_float_general_is_printf() {
    assert_eq!(format_float_general(1e-5, 6, 'g', false), "1e-05");
    assert_eq!(format_float_general(1.0, 6, 'g', true), "1.00000");
    assert_eq!(format_float_general(-2.5, 0, 'f', false), "-2");
    assert_eq!(format_float_general(1.0, 0, 'e', true), "1.e+00");
    assert_eq!(
        format_float_general(f64::NEG_INFINITY, 3, 'G', false),
        "-INF"
    );
    assert_eq!(format_float_general(0.5, 0, 'g', false), "0.5");
}

#[test]
fn parse_records_each_field() {
    let spec = parse("*^+z#012_.3f", "float").unwrap();
    assert_eq!(spec.fill, '*');
    assert_eq!(spec.align, Some('^'));
    assert_eq!(spec.sign, Some('+'));
    assert!(spec.no_neg_zero && spec.alternate);
    // After an explicit fill the '0' starts the width instead of being a flag.
    assert!(!spec.zero);
    assert_eq!(spec.width, Some(12));
    assert_eq!(spec.grouping, Some('_'));
    assert_eq!(spec.precision, Some(3));
    assert_eq!(spec.kind, Some('f'));

    let spec = parse("08", "int").unwrap();
    assert!(spec.zero);
    assert_eq!(
        (spec.fill, spec.align, spec.width, spec.kind),
        ('0', None, Some(8), None)
    );
    assert_eq!(parse("", "int").unwrap(), parse("", "str").unwrap());
}

#[test]
fn parse_errors_are_cpythons() {
    let cases = [
        (
            "abc",
            "Invalid format specifier 'abc' for object of type 'int'",
        ),
        (".", "Format specifier missing precision"),
        (",_", "Cannot specify both ',' and '_'."),
        ("_,", "Cannot specify both ',' and '_'."),
        (
            "99999999999999999999",
            "Too many decimal digits in format string",
        ),
        (
            ".99999999999999999999",
            "Too many decimal digits in format string",
        ),
    ];
    for (spec, want) in cases {
        assert_eq!(parse(spec, "int"), Err(want.to_string()), "{spec:?}");
    }
}

#[test]
fn overflow_errors_are_recognised() {
    let err = format_int_with("-1", "c", "int").unwrap_err();
    assert!(is_overflow_error(&err));
    let err = format_int_with(&"9".repeat(400), "f", "int").unwrap_err();
    assert!(is_overflow_error(&err));
    assert!(!is_overflow_error("Format specifier missing precision"));
}

#[test]
fn str_subclasses_are_named_in_errors() {
    let spec = parse("d", "S").unwrap();
    assert_eq!(
        format_str_as("x", &spec, "S"),
        Err("Unknown format code 'd' for object of type 'S'".into())
    );
}

/// An argument of a `%` table row.
#[derive(Debug)]
enum Arg {
    I(&'static str),
    F(&'static str),
    S(&'static str),
}
use Arg::{F, I, S};

/// `format % args` for the argument kinds of the tables, converting the way
/// `str.__mod__` would before calling this module.
fn percent(format: &str, args: &[Arg]) -> Result<String, String> {
    let mut args = args.iter();
    let star = |args: &mut std::slice::Iter<Arg>| match args.next() {
        Some(I(n)) => n.parse::<i64>().unwrap(),
        other => panic!("* wants int, got {other:?}"),
    };
    let mut out = String::new();
    for piece in parse_percent(format)? {
        let (mut spec, width_star, precision_star) = match piece {
            PercentPiece::Literal(text) => {
                out.push_str(text);
                continue;
            }
            PercentPiece::Spec {
                spec,
                width_star,
                precision_star,
                ..
            } => (spec, width_star, precision_star),
        };
        if width_star {
            spec.set_star_width(star(&mut args));
        }
        if precision_star {
            spec.set_star_precision(star(&mut args) as i32);
        }
        let arg = args.next().expect("enough arguments");
        let text = match (spec.kind, arg) {
            ('d' | 'i' | 'u' | 'o' | 'x' | 'X', I(n)) => percent_int(&int(n), &spec),
            ('e' | 'E' | 'f' | 'F' | 'g' | 'G', F(x)) => percent_float(float(x), &spec),
            ('s' | 'c', S(s)) => pad_percent(s, &spec),
            ('r' | 'a', S(s)) => pad_percent(&format!("'{s}'"), &spec),
            (kind, arg) => panic!("no conversion %{kind} for {arg:?}"),
        };
        out.push_str(&text);
    }
    Ok(out)
}

#[test]
fn percent_formats_as_cpython() {
    let failures: Vec<String> = PERCENT_CASES
        .iter()
        .filter_map(|(format, args, want)| {
            let got = percent(format, args);
            (got.as_deref() != Ok(*want))
                .then(|| format!("{format:?} % {args:?}: got {got:?}, want {want:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn percent_errors_are_cpythons() {
    for (format, want) in PERCENT_ERRORS {
        assert_eq!(
            parse_percent(format).map(|_| ()),
            Err(want.to_string()),
            "{format:?}"
        );
    }
}

#[test]
fn percent_pieces_report_errors_in_order() {
    let mut pieces = percent_pieces("%(a)s and %(b");
    assert!(matches!(
        pieces.next(),
        Some(Ok(PercentPiece::Spec {
            key: Some("a"),
            spec: PercentSpec { kind: 's', .. },
            ..
        }))
    ));
    assert_eq!(pieces.next(), Some(Ok(PercentPiece::Literal(" and "))));
    assert_eq!(
        pieces.next(),
        Some(Err("incomplete format key".to_string()))
    );
    assert_eq!(pieces.next(), None);
}

#[test]
fn percent_spec_fields() {
    let pieces = parse_percent("%-+ #010.3lx").unwrap();
    let PercentPiece::Spec {
        key: None,
        spec,
        width_star: false,
        precision_star: false,
    } = pieces[0]
    else {
        panic!("{pieces:?}");
    };
    let flags = PercentFlags {
        left: true,
        sign: true,
        space: true,
        alternate: true,
        zero: true,
    };
    assert_eq!(
        spec,
        PercentSpec {
            flags,
            width: Some(10),
            precision: Some(3),
            kind: 'x'
        }
    );
}

// The tables, recorded from CPython 3.11, live in two files beside this one.
#[path = "format_spec_tables_numbers.rs"]
mod numbers;
#[path = "format_spec_tables_text.rs"]
mod text;
use numbers::*;
use text::*;
