//! Untyped, descriptor-driven access (what the JIT's reference executor uses) agrees with the
//! typed API, narrows values like machine stores, and rejects every ill-typed access.

mod common;

use common::{list, Pair};
use ferrite_gc::{
    allocate_array, allocate_zeroed, collect, descriptor_by_name, gc_object, AccessError, Array,
    Bytes, Gc, GcRef, GcType, Scalar,
};

#[gc_object]
struct Kinds {
    flag: bool,
    small: i8,
    byte: u8,
    short: i16,
    word: u32,
    long: i64,
    single: f32,
    double: f64,
    next: Option<Gc<Kinds>>,
}

#[gc_object]
struct Strict {
    target: Gc<Bytes>,
}

#[test]
fn fields_load_and_store_through_descriptors() {
    let id = Kinds::descriptor_id();
    assert_eq!(descriptor_by_name("Kinds"), Some(id));
    let object = allocate_zeroed(id).unwrap();
    for field in 0..8 {
        let zero = object.load_field(id, field).unwrap();
        assert!(
            matches!(zero, Scalar::Int(0) | Scalar::Float(0.0)),
            "{zero:?}"
        );
    }
    assert_eq!(object.load_field(id, 8).unwrap(), Scalar::Ref(None));
    let stores = [
        (0, Scalar::Int(7), Scalar::Int(1)),
        (1, Scalar::Int(200), Scalar::Int(-56)),
        (2, Scalar::Int(-1), Scalar::Int(255)),
        (3, Scalar::Int(70_000), Scalar::Int(4464)),
        (4, Scalar::Int(-1), Scalar::Int(u32::MAX as i64)),
        (5, Scalar::Int(i64::MIN), Scalar::Int(i64::MIN)),
        (6, Scalar::Float(0.1), Scalar::Float(0.1f32 as f64)),
        (7, Scalar::Float(-2.5), Scalar::Float(-2.5)),
        (8, Scalar::Ref(Some(object)), Scalar::Ref(Some(object))),
    ];
    for (field, stored, loaded) in stores {
        object.store_field(id, field, stored).unwrap();
        assert_eq!(
            object.load_field(id, field).unwrap(),
            loaded,
            "field {field}"
        );
    }
    collect();
    // The typed view sees what the untyped stores wrote.
    let typed = object.downcast::<Kinds>().unwrap();
    assert!(typed.flag());
    assert_eq!(
        (typed.small(), typed.byte(), typed.short()),
        (-56, 255, 4464)
    );
    assert_eq!((typed.word(), typed.long()), (u32::MAX, i64::MIN));
    assert_eq!(typed.double(), -2.5);
    assert_eq!(typed.next(), Some(typed));
}

#[test]
fn ill_typed_field_accesses_are_errors() {
    let id = Kinds::descriptor_id();
    let object = allocate_zeroed(id).unwrap();
    let pair = list(1).erase();
    assert!(matches!(
        pair.load_field(id, 0),
        Err(AccessError::WrongType {
            expected: "Kinds",
            found: "Pair"
        })
    ));
    assert!(matches!(
        object.load_field(id, 9),
        Err(AccessError::NoSuchField { .. })
    ));
    assert!(matches!(
        object.store_field(id, 5, Scalar::Float(1.0)),
        Err(AccessError::KindMismatch { .. })
    ));
    assert!(matches!(
        object.store_field(id, 8, Scalar::Int(0)),
        Err(AccessError::KindMismatch { .. })
    ));
    let strict = Strict::descriptor_id();
    let error = allocate_zeroed(strict).unwrap_err();
    assert_eq!(
        error.to_string(),
        "Strict cannot be zero-initialized: field `target` is a non-nullable reference"
    );
    let real = Gc::new(Strict {
        target: Bytes::new(b"t").unwrap(),
    })
    .unwrap()
    .erase();
    assert_eq!(
        real.store_field(strict, 0, Scalar::Ref(None)),
        Err(AccessError::NullIntoNonNullable)
    );
    assert!(matches!(
        allocate_zeroed(Array::<i64>::descriptor_id()),
        Err(AccessError::WrongType { .. })
    ));
    assert!(matches!(
        object.array_length(),
        Err(AccessError::NotAnArray { .. })
    ));
}

#[test]
fn arrays_load_and_store_through_descriptors() {
    let ints = allocate_array(Array::<i32>::descriptor_id(), 4).unwrap();
    assert_eq!(ints.array_length().unwrap(), 4);
    ints.store_element(3, Scalar::Int(-5)).unwrap();
    assert_eq!(ints.load_element(3).unwrap(), Scalar::Int(-5));
    assert_eq!(ints.load_element(0).unwrap(), Scalar::Int(0));
    assert_eq!(
        ints.load_element(4),
        Err(AccessError::IndexOutOfBounds {
            index: 4,
            length: 4
        })
    );
    let refs = allocate_array(Array::<Option<GcRef>>::descriptor_id(), 2).unwrap();
    refs.store_element(1, Scalar::Ref(Some(ints))).unwrap();
    collect();
    assert_eq!(refs.load_element(0).unwrap(), Scalar::Ref(None));
    let typed = refs.downcast::<Array<Option<GcRef>>>().unwrap();
    assert_eq!(typed.get(1), Some(ints));
    assert_eq!(
        ints.downcast::<Array<i32>>().unwrap().to_vec(),
        vec![0, 0, 0, -5]
    );
    let bytes = Bytes::new(b"ab").unwrap().erase();
    assert_eq!(bytes.load_element(1).unwrap(), Scalar::Int(b'b' as i64));
    assert_eq!(
        bytes.store_element(0, Scalar::Int(0)),
        Err(AccessError::ImmutableBytes)
    );
    let empty_bytes = allocate_array(Bytes::descriptor_id(), 0).unwrap();
    assert_eq!(empty_bytes.array_length().unwrap(), 0);
    assert!(matches!(
        allocate_array(Pair::descriptor_id(), 1),
        Err(AccessError::NotAnArray { .. })
    ));
    assert!(matches!(
        allocate_array(Array::<i64>::descriptor_id(), usize::MAX / 2),
        Err(AccessError::OutOfMemory(_))
    ));
}
