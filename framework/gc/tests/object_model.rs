//! The object model under collection: what is reachable survives with its contents, what is
//! not is reclaimed, from every kind of root. Tests in this binary run on parallel threads,
//! so they also exercise several mutators stopping for each other's collections.

mod common;

use std::cell::Cell;

use common::{assert_list, churn, list, scrub_stack, Pair};
use ferrite_gc::{
    blocking, collect, descriptor, gc_object, is_object_start, stats, Array, Bytes, FieldKind, Gc,
    GcRef, GcType, Layout, RootVec, HEADER_SIZE,
};

#[gc_object]
struct Mixed {
    flag: bool,
    small: u8,
    id: i32,
    ratio: f64,
    big: u64,
    next: Option<Gc<Mixed>>,
    name: Gc<Bytes>,
    any: Option<GcRef>,
}

#[test]
fn objects_held_only_by_locals_survive_collections() {
    let pair = Gc::new(Pair {
        head: 42,
        tail: None,
    })
    .unwrap();
    let floats = Array::<f64>::from_slice(&[1.5, -2.25, 1e300]).unwrap();
    let text = Bytes::new(b"hello, heap").unwrap();
    for _ in 0..3 {
        collect();
        churn(8 << 20);
    }
    assert_eq!(pair.head(), 42);
    assert_eq!(floats.to_vec(), vec![1.5, -2.25, 1e300]);
    assert_eq!(text.to_vec(), b"hello, heap");
}

#[test]
fn objects_reachable_from_other_objects_survive() {
    let long = list(20_000);
    collect();
    churn(16 << 20);
    collect();
    assert_list(long, 20_000);
}

#[test]
fn objects_reachable_from_arrays_survive() {
    let lists = Array::<Option<Gc<Pair>>>::new(500, None).unwrap();
    for i in 0..lists.len() {
        lists.set(i, Some(list(i as i64 + 1)));
    }
    collect();
    churn(16 << 20);
    collect();
    for i in 0..lists.len() {
        assert_list(lists.get(i).unwrap(), i as i64 + 1);
    }
}

#[test]
fn every_field_kind_round_trips_through_collections() {
    let name = Bytes::new("naïve".as_bytes()).unwrap();
    let first = Gc::new(Mixed {
        flag: true,
        small: 250,
        id: -7,
        ratio: 0.1,
        big: u64::MAX - 1,
        next: None,
        name,
        any: None,
    })
    .unwrap();
    let second = Gc::new(Mixed {
        flag: false,
        small: 1,
        id: i32::MIN,
        ratio: f64::NEG_INFINITY,
        big: 0,
        next: Some(first),
        name,
        any: Some(list(3).erase()),
    })
    .unwrap();
    collect();
    churn(8 << 20);
    collect();
    let first = second.next().unwrap();
    assert!(first.flag() && !second.flag());
    assert_eq!((first.small(), second.small()), (250, 1));
    assert_eq!((first.id(), second.id()), (-7, i32::MIN));
    assert_eq!((first.ratio(), second.ratio()), (0.1, f64::NEG_INFINITY));
    assert_eq!((first.big(), second.big()), (u64::MAX - 1, 0));
    assert_eq!(String::from_utf8(first.name().to_vec()).unwrap(), "naïve");
    assert!(Gc::ptr_eq(first.name(), second.name()));
    assert_list(second.any().unwrap().downcast::<Pair>().unwrap(), 3);
    first.set_id(99);
    first.set_next(Some(second));
    assert_eq!(first.next().unwrap().next().unwrap().id(), 99);
}

#[test]
fn descriptors_give_the_real_layout() {
    let id = Mixed::descriptor_id();
    let descriptor = descriptor(id).unwrap();
    assert_eq!(descriptor.name, "Mixed");
    let Layout::Fixed { size, fields } = descriptor.layout else {
        panic!("a gc_object has a fixed layout");
    };
    assert_eq!(size % 8, 0);
    assert_eq!(size, HEADER_SIZE + std::mem::size_of::<Mixed>());
    let kinds: Vec<(&str, FieldKind)> = fields.iter().map(|f| (f.name, f.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("flag", FieldKind::Bool),
            ("small", FieldKind::U8),
            ("id", FieldKind::I32),
            ("ratio", FieldKind::F64),
            ("big", FieldKind::U64),
            ("next", FieldKind::NullableRef),
            ("name", FieldKind::Ref),
            ("any", FieldKind::NullableRef),
        ]
    );
    // The offsets are where the fields really are: read them as the JIT will, from the
    // object's address.
    let object = Gc::new(Mixed {
        flag: true,
        small: 3,
        id: 0x1234_5678,
        ratio: 2.5,
        big: 0xdead_beef,
        next: None,
        name: Bytes::new(b"").unwrap(),
        any: None,
    })
    .unwrap();
    let base = object.as_ptr();
    let offset = |name: &str| fields.iter().find(|f| f.name == name).unwrap().offset;
    // SAFETY: reading plain fields of a live object at the offsets its descriptor gives.
    unsafe {
        assert_eq!(*base.add(offset("small")), 3);
        assert_eq!((base.add(offset("id")) as *const i32).read(), 0x1234_5678);
        assert_eq!((base.add(offset("ratio")) as *const f64).read(), 2.5);
        assert_eq!((base.add(offset("big")) as *const u64).read(), 0xdead_beef);
        assert_eq!((base.add(offset("next")) as *const usize).read(), 0);
    }
}

#[test]
fn gc_refs_downcast_only_to_their_own_type() {
    let pair = list(1).erase();
    let bytes = Bytes::new(b"x").unwrap().erase();
    assert!(pair.is::<Pair>());
    assert!(pair.downcast::<Mixed>().is_none());
    assert!(pair.downcast::<Array<i64>>().is_none());
    assert_eq!(bytes.downcast::<Bytes>().unwrap().to_vec(), b"x");
    assert!(bytes.downcast::<Array<u8>>().is_none());
}

#[test]
fn arrays_of_every_element_kind() {
    let bools = Array::<bool>::new(3, true).unwrap();
    bools.set(1, false);
    let bytes = Array::<u8>::from_slice(&[1, 2, 255]).unwrap();
    let ints = Array::<i32>::new(1000, -1).unwrap();
    let words = Array::<u64>::from_slice(&[u64::MAX]).unwrap();
    let floats = Array::<f32>::new(2, 0.5).unwrap();
    let refs = Array::<Option<GcRef>>::new(2, None).unwrap();
    refs.set(0, Some(bytes.erase()));
    collect();
    assert_eq!(bools.to_vec(), vec![true, false, true]);
    assert_eq!(bytes.to_vec(), vec![1, 2, 255]);
    assert!(ints.with_slice(|cells| cells.iter().all(|c| c.get() == -1)));
    assert_eq!(ints.len(), 1000);
    assert_eq!(words.get(0), u64::MAX);
    assert_eq!(floats.to_vec(), vec![0.5, 0.5]);
    assert!(Gc::ptr_eq(
        refs.get(0).unwrap().downcast::<Array<u8>>().unwrap(),
        bytes
    ));
    assert_eq!(refs.get(1), None);
    let empty = Array::<i64>::new(0, 0).unwrap();
    assert!(empty.is_empty());
}

#[test]
fn arrays_copy_ranges_between_and_within_arrays() {
    let source = Array::<i64>::from_slice(&[1, 2, 3, 4, 5]).unwrap();
    let target = Array::<i64>::new(6, 0).unwrap();
    target.copy_from(1, source, 2, 3);
    assert_eq!(target.to_vec(), vec![0, 3, 4, 5, 0, 0]);
    // Overlapping ranges of one array, both ways, as memmove.
    source.copy_from(1, source, 0, 4);
    assert_eq!(source.to_vec(), vec![1, 1, 2, 3, 4]);
    source.copy_from(0, source, 1, 4);
    assert_eq!(source.to_vec(), vec![1, 2, 3, 4, 4]);
    let names = Array::<Option<GcRef>>::new(2, None).unwrap();
    let copies = Array::<Option<GcRef>>::new(3, None).unwrap();
    names.set(1, Some(source.erase()));
    collect();
    copies.copy_from(0, names, 0, 2);
    assert_eq!(copies.get(0), None);
    assert_eq!(copies.get(1), Some(source.erase()));
}

#[test]
fn access_reads_and_writes_several_fields_with_one_check() {
    let tail = Gc::new(Pair {
        head: 1,
        tail: None,
    })
    .unwrap();
    let pair = Gc::new(Pair {
        head: 5,
        tail: None,
    })
    .unwrap();
    let before = pair.access(|p| {
        let before = p.head();
        p.set_head(before + 1);
        p.set_tail(Some(tail));
        // Allocating inside: the access pins the object.
        churn(1 << 20);
        collect();
        before
    });
    collect();
    assert_eq!((before, pair.head()), (5, 6));
    assert_eq!(pair.tail().unwrap().head(), 1);
}

#[test]
fn load_as_copies_the_fields_of_the_named_type_only() {
    let pair = Gc::new(Pair {
        head: 5,
        tail: None,
    })
    .unwrap();
    let outer = Gc::new(Pair {
        head: 6,
        tail: Some(pair),
    })
    .unwrap()
    .erase();
    collect();
    let fields = outer.load_as::<Pair>().unwrap();
    assert_eq!(fields.head, 6);
    assert_eq!(fields.tail.unwrap().head(), 5);
    assert!(outer.load_as::<Mixed>().is_none());
    assert!(Array::<i64>::new(1, 0)
        .unwrap()
        .erase()
        .load_as::<Pair>()
        .is_none());
}

#[test]
fn array_views_read_and_write_across_collections() {
    let pairs = Array::<Option<GcRef>>::new(4, None).unwrap();
    let numbers = Array::<i64>::from_slice(&[7, 8]).unwrap();
    let first = Gc::new(Pair {
        head: 1,
        tail: None,
    })
    .unwrap();
    numbers.with_view(|numbers| {
        pairs.with_view(|view| {
            view.set(0, Some(first.erase()));
            // Allocating (and collecting) inside the view: the view's address pins the
            // array, so it still reads and writes the same elements afterwards.
            churn(1 << 20);
            collect();
            view.copy_within(0, 2);
            view.swap(0, 1);
            assert_eq!(view.get(0), None);
            let fresh = Gc::new(Pair {
                head: 2,
                tail: None,
            })
            .unwrap();
            view.set(3, Some(fresh.erase()));
            assert_eq!(view.len(), 4);
            assert_eq!(numbers.get(1), 8);
        });
    });
    collect();
    assert_eq!(pairs.get(0), None);
    assert_eq!(pairs.get(1), Some(first.erase()));
    assert_eq!(pairs.get(2), Some(first.erase()));
    let fresh = pairs.get(3).unwrap().downcast::<Pair>().unwrap();
    assert_eq!((first.head(), fresh.head()), (1, 2));
    let copies = Array::<Option<GcRef>>::new(1, None).unwrap();
    copies.with_view(|target| pairs.with_view(|source| target.copy_from(0, source, 3)));
    assert_eq!(copies.get(0), Some(fresh.erase()));
}

#[test]
fn array_views_copy_ranges_and_fill() {
    let numbers = Array::<i64>::from_slice(&[1, 2, 3, 4, 5]).unwrap();
    let other = Array::<i64>::from_slice(&[10, 20, 30]).unwrap();
    numbers.with_view(|view| {
        // Overlapping copies within one view, both ways, move the values as memmove does.
        view.copy_range_from(1, view, 0, 3);
        assert_eq!(
            (0..5).map(|i| view.get(i)).collect::<Vec<_>>(),
            [1, 1, 2, 3, 5]
        );
        view.copy_range_from(0, view, 2, 3);
        assert_eq!(
            (0..5).map(|i| view.get(i)).collect::<Vec<_>>(),
            [2, 3, 5, 3, 5]
        );
        other.with_view(|source| view.copy_range_from(3, source, 1, 2));
        assert_eq!(
            (0..5).map(|i| view.get(i)).collect::<Vec<_>>(),
            [2, 3, 5, 20, 30]
        );
    });
    let refs = Array::<Option<GcRef>>::new(3, None).unwrap();
    let pair = Gc::new(Pair {
        head: 9,
        tail: None,
    })
    .unwrap();
    refs.with_view(|view| view.fill(Some(pair.erase())));
    collect();
    assert!((0..3).all(|i| refs.get(i) == Some(pair.erase())));
    refs.with_view(|view| view.fill(None));
    assert!((0..3).all(|i| refs.get(i).is_none()));
}

#[test]
#[should_panic(expected = "range end index 4 out of range")]
fn array_view_range_copies_are_bounds_checked() {
    let array = Array::<i64>::new(3, 0).unwrap();
    array.with_view(|view| view.copy_range_from(1, view, 0, 3));
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn array_views_are_bounds_checked() {
    Array::<i64>::new(2, 0)
        .unwrap()
        .with_view(|view| view.get(2));
}

#[test]
#[should_panic(expected = "range end index 7 out of range")]
fn array_copies_are_bounds_checked() {
    let array = Array::<i64>::new(6, 0).unwrap();
    array.copy_from(4, Array::<i64>::new(8, 0).unwrap(), 0, 3);
}

#[test]
#[should_panic(expected = "index out of bounds")]
fn array_indexing_is_bounds_checked() {
    let array = Array::<i64>::new(4, 0).unwrap();
    array.get(4);
}

#[test]
fn impossible_array_sizes_are_out_of_memory() {
    let error = Array::<i64>::new(usize::MAX / 4, 0).unwrap_err();
    assert_eq!(error.requested_bytes, usize::MAX);
    assert!(error.to_string().contains("out of memory"));
}

#[test]
fn large_objects_live_and_die() {
    // Larger than an Immix block's object limit: these go to the large object space.
    let big = Array::<i64>::new(1 << 20, 5).unwrap();
    let text = Bytes::new(&vec![b'z'; 100_000]).unwrap();
    for _ in 0..4 {
        std::hint::black_box(Array::<u8>::new(3 << 20, 1).unwrap());
    }
    collect();
    assert!(big.with_slice(|cells| cells.iter().all(|c| c.get() == 5)));
    big.set((1 << 20) - 1, 6);
    assert_eq!(big.get((1 << 20) - 1), 6);
    assert!(text.with_bytes(|bytes| bytes.iter().all(|&b| b == b'z')));
}

#[test]
fn root_vecs_keep_objects_no_stack_word_points_to() {
    #[inline(never)]
    fn fill(roots: &mut RootVec<Gc<Pair>>) {
        for n in 1..=200 {
            roots.push(list(n));
        }
    }
    let mut roots = RootVec::new();
    fill(&mut roots);
    scrub_stack();
    collect();
    churn(8 << 20);
    collect();
    assert_eq!(roots.len(), 200);
    for (i, l) in roots.to_vec().into_iter().enumerate() {
        assert_list(l, i as i64 + 1);
    }
    let last = roots.pop().unwrap();
    assert_list(last, 200);
    let optional: RootVec<Option<GcRef>> = RootVec::new();
    optional.push(None);
    optional.push(Some(last.erase()));
    collect();
    assert_eq!(optional.get(0), None);
    assert_list(optional.get(1).unwrap().downcast().unwrap(), 200);
}

/// A pointer into the middle of a new array, and the array's address disguised so that no
/// stack word points at its start.
#[inline(never)]
fn interior_pointer(length: usize) -> (*const Cell<i64>, usize) {
    let array = Array::<i64>::new(length, 0).unwrap();
    let middle = array.with_slice(|cells| {
        for (i, cell) in cells.iter().enumerate() {
            cell.set(i as i64);
        }
        &cells[length / 2] as *const Cell<i64>
    });
    (middle, array.as_ptr() as usize ^ DISGUISE)
}

const DISGUISE: usize = 0x5a5a_5a5a_5a5a_5a5a;

#[test]
fn interior_pointers_keep_objects_alive() {
    // A small array (Immix space) and a large one (large object space).
    for length in [64, 1 << 20] {
        let (middle, disguised) = interior_pointer(length);
        let keep = [middle];
        scrub_stack();
        collect();
        churn(8 << 20);
        collect();
        std::hint::black_box(&keep);
        assert!(is_object_start(disguised ^ DISGUISE));
        // SAFETY: the array is alive (checked above), and `middle` points into it.
        assert_eq!(unsafe { (*keep[0]).get() }, (length / 2) as i64);
    }
}

#[test]
fn collections_during_deep_recursion() {
    fn descend(depth: i64) -> i64 {
        let mine = Gc::new(Pair {
            head: depth,
            tail: None,
        })
        .unwrap();
        let below = if depth == 0 {
            collect();
            churn(4 << 20);
            collect();
            0
        } else {
            let below = descend(depth - 1);
            if depth % 1000 == 0 {
                collect();
            }
            below
        };
        assert_eq!(mine.head(), depth, "frame {depth} lost its object");
        below + mine.head()
    }
    let depth = 10_000;
    let sum = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || descend(depth))
        .unwrap();
    let sum = blocking(move || sum.join()).unwrap();
    assert_eq!(sum, depth * (depth + 1) / 2);
}

#[test]
fn many_collections_in_one_run() {
    let keep = list(1000);
    let before = stats().collections;
    for round in 0..300 {
        collect();
        let garbage = list(100);
        std::hint::black_box(garbage);
        if round % 50 == 0 {
            assert_list(keep, 1000);
        }
    }
    assert!(stats().collections >= before + 300);
    assert_list(keep, 1000);
}

#[test]
fn threads_allocate_and_collect_concurrently() {
    let local = list(500);
    let workers: Vec<_> = (0..4)
        .map(|t| {
            std::thread::spawn(move || {
                let mine = list(1000 + t);
                for round in 0..20 {
                    churn(2 << 20);
                    if round % 5 == t as usize {
                        collect();
                    }
                    assert_list(mine, 1000 + t);
                }
            })
        })
        .collect();
    for worker in workers {
        // This thread is a mutator: waiting must let the others' collections run.
        blocking(move || worker.join()).unwrap();
    }
    assert_list(local, 500);
}

#[test]
fn allocating_inside_a_blocking_region_panics() {
    let outside = list(2);
    let result = std::panic::catch_unwind(|| {
        blocking(|| {
            Gc::new(Pair {
                head: 1,
                tail: None,
            })
            .map(|_| ())
        })
    });
    assert!(result.is_err());
    // The thread is a normal mutator again afterwards.
    assert_list(outside, 2);
    assert_list(list(3), 3);
}

thread_local! {
    static SMUGGLED: Cell<Option<Gc<Pair>>> = const { Cell::new(None) };
}

#[test]
fn handles_smuggled_into_a_blocking_region_panic() {
    SMUGGLED.with(|slot| slot.set(Some(list(4))));
    let result = std::panic::catch_unwind(|| {
        blocking(|| SMUGGLED.with(|slot| slot.get().map(|pair| pair.head())))
    });
    assert!(
        result.is_err(),
        "a GC object was read while collections may run"
    );
    let pair = SMUGGLED.with(|slot| slot.take()).unwrap();
    assert_list(pair, 4);
}

#[test]
fn objects_cannot_be_reached_from_another_thread() {
    let pair = list(2);
    let address = pair.as_ptr() as usize;
    let other = std::thread::spawn(move || {
        // A live object is there, but it is not this thread's: using it must panic.
        let stolen = GcRef::from_address(address).expect("a live object");
        stolen.descriptor_id();
    });
    assert!(blocking(move || other.join()).is_err());
    // A thread that never allocated can still use a root buffer (of its own, empty).
    let idle = std::thread::spawn(|| {
        let roots: RootVec<Option<GcRef>> = RootVec::new();
        for _ in 0..1000 {
            roots.push(None);
        }
        roots.len()
    });
    assert_eq!(blocking(move || idle.join()).unwrap(), 1000);
    assert_list(pair, 2);
}

#[test]
fn root_vecs_dropped_in_any_order_keep_the_others_rooted() {
    // Dropping a root buffer moves another into its registry slot: all must stay roots.
    let mut buffers: Vec<RootVec<Gc<Pair>>> = (0..200)
        .map(|n| {
            let roots = RootVec::new();
            roots.push(list(n % 7 + 1));
            roots
        })
        .collect();
    let mut kept = Vec::new();
    for (n, roots) in buffers.drain(..).enumerate() {
        if n % 3 == 0 {
            drop(roots);
        } else {
            kept.push((n, roots));
        }
    }
    kept.reverse();
    kept.truncate(100);
    scrub_stack();
    collect();
    churn(4 << 20);
    collect();
    for (n, roots) in &kept {
        assert_list(roots.get(0), (*n % 7 + 1) as i64);
    }
}
