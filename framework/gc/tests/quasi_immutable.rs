//! Quasi-immutable fields: the descriptor says which, and writing one through the generated
//! setter or `store` invalidates the watch cells registered for that field (of any object of
//! the type), and only those.

use ferrite_gc::quasi_immutable::{is_invalidated, new_watch_cell, watch};
use ferrite_gc::{descriptor, gc_object, Gc, GcType, Layout};

#[gc_object]
struct Class {
    #[quasi_immutable]
    version: i64,
    instances: i64,
}

#[test]
fn setters_of_quasi_immutable_fields_invalidate_their_watches() {
    let id = Class::descriptor_id();
    let Some(Layout::Fixed { fields, .. }) = descriptor(id).map(|d| &d.layout) else {
        panic!("a fixed-size type")
    };
    assert!(fields[0].quasi_immutable && !fields[1].quasi_immutable);

    let a = Gc::new(Class {
        version: 1,
        instances: 0,
    })
    .unwrap();
    let b = Gc::new(Class {
        version: 7,
        instances: 0,
    })
    .unwrap();
    let version = new_watch_cell().unwrap();
    let other = new_watch_cell().unwrap();
    watch(id, 0, version);
    watch(id, 1, other);
    // A plain field's setter does not notify.
    a.set_instances(3);
    assert!(!is_invalidated(version) && !is_invalidated(other));
    // Any object's version: watches are per type and field.
    b.set_version(8);
    assert!(is_invalidated(version));
    assert!(!is_invalidated(other));
    assert_eq!(a.version(), 1);

    // Invalidated cells are forgotten; a new watch sees the next write, also through `store`.
    let again = new_watch_cell().unwrap();
    watch(id, 0, again);
    a.store(Class {
        version: 2,
        instances: 4,
    });
    assert!(is_invalidated(again));
    assert_eq!((a.version(), a.instances()), (2, 4));
}
