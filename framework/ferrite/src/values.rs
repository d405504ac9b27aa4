//! Conversions between Rust values of the traceable subset and the `Scalar`s of jitcode
//! registers, used by the generated trampolines and the driver hints.

use ferrite_gc::{Gc, GcRef, GcType, Scalar};
use ferrite_trace::calls::CallResult;

/// A value that lives in a jitcode register: integers and bool (int bank), `f64` (float
/// bank), GC handles (ref bank).
pub trait JitValue: Copy {
    fn from_scalar(value: Scalar) -> Self;
    fn to_scalar(self) -> Scalar;
}

macro_rules! integers {
    ($($ty:ty),*) => {
        $(
            impl JitValue for $ty {
                #[inline]
                fn from_scalar(value: Scalar) -> Self {
                    match value {
                        // Registers hold narrow integers sign- or zero-extended.
                        Scalar::Int(v) => v as $ty,
                        other => panic!("expected an integer, got {other:?}"),
                    }
                }
                #[inline]
                fn to_scalar(self) -> Scalar {
                    Scalar::Int(self as i64)
                }
            }
        )*
    };
}

integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);

impl JitValue for bool {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        i64::from_scalar(value) != 0
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Int(self as i64)
    }
}

impl JitValue for f64 {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        match value {
            Scalar::Float(v) => v,
            other => panic!("expected a float, got {other:?}"),
        }
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Float(self)
    }
}

impl JitValue for Option<GcRef> {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        match value {
            Scalar::Ref(r) => r,
            other => panic!("expected a reference, got {other:?}"),
        }
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Ref(self)
    }
}

impl JitValue for GcRef {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        Option::<GcRef>::from_scalar(value).expect("a non-null reference")
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Ref(Some(self))
    }
}

impl<T: GcType> JitValue for Option<Gc<T>> {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        Option::<GcRef>::from_scalar(value).map(|r| {
            r.downcast::<T>()
                .unwrap_or_else(|| panic!("a reference of another type than expected"))
        })
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Ref(self.map(Gc::erase))
    }
}

impl<T: GcType> JitValue for Gc<T> {
    #[inline]
    fn from_scalar(value: Scalar) -> Self {
        Option::<Gc<T>>::from_scalar(value).expect("a non-null reference")
    }
    #[inline]
    fn to_scalar(self) -> Scalar {
        Scalar::Ref(Some(self.erase()))
    }
}

/// What a function returns, as a register value (`None` for `()`).
pub trait Returned {
    fn returned(self) -> Option<Scalar>;
    fn from_returned(value: Option<Scalar>) -> Self;
}

impl Returned for () {
    fn returned(self) -> Option<Scalar> {
        None
    }
    fn from_returned(_: Option<Scalar>) -> Self {}
}

impl<T: JitValue> Returned for T {
    fn returned(self) -> Option<Scalar> {
        Some(self.to_scalar())
    }
    fn from_returned(value: Option<Scalar>) -> Self {
        T::from_scalar(value.expect("a returned value"))
    }
}

/// What a residual function returns, as a call target's result: `Result<T, Gc<E>>` raises
/// its error as the jitcode exception.
pub trait CallReturn {
    fn into_call_result(self) -> CallResult;
}

impl<T: Returned> CallReturn for T {
    fn into_call_result(self) -> CallResult {
        Ok(self.returned())
    }
}

impl<T: Returned, E: GcType> CallReturn for Result<T, Gc<E>> {
    fn into_call_result(self) -> CallResult {
        match self {
            Ok(value) => Ok(value.returned()),
            Err(error) => Err(error.erase()),
        }
    }
}

/// What a portal returns, from what the JIT gives back: its return value, or an exception
/// (the `Err` of a portal returning `Result`).
pub trait PortalReturn: Sized {
    fn from_returned(value: Option<Scalar>) -> Self;
    fn from_raised(exception: GcRef) -> Self;
}

impl<T: Returned> PortalReturn for T {
    fn from_returned(value: Option<Scalar>) -> Self {
        <T as Returned>::from_returned(value)
    }
    fn from_raised(_: GcRef) -> Self {
        panic!("an exception left a portal that does not return Result")
    }
}

impl<T: Returned, E: GcType> PortalReturn for Result<T, Gc<E>> {
    fn from_returned(value: Option<Scalar>) -> Self {
        Ok(<T as Returned>::from_returned(value))
    }
    fn from_raised(exception: GcRef) -> Self {
        Err(exception
            .downcast::<E>()
            .expect("the portal's error type: the translator checked what traced code raises"))
    }
}
