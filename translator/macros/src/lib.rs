//! Procedural macros of the Ferrite framework.
//!
//! `#[gc_object]` declares a garbage-collected object type (see `ferrite_gc`);
//! `#[portal]` expands the JIT driver hints of an interpreter's portal (see `portal.rs`);
//! the function hints (`#[elidable]`, ...) leave the function as it is: they are read by
//! the translator, from the source.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Fields, ItemStruct};

mod portal;

/// Declare a GC object type.
///
/// ```ignore
/// #[gc_object]
/// pub struct Node {
///     pub left: Option<Gc<Node>>,
///     pub right: Option<Gc<Node>>,
///     pub value: i64,
/// }
/// ```
///
/// The struct stays an ordinary `#[repr(C)]`, `Copy` value type, used as the initializer in
/// `Gc::new(Node { .. })`. The macro adds:
///
/// - `NodeFields`, what `Gc<Node>` dereferences to: a view over the handle with a getter
///   `value()` and a setter `set_value(v)` per field (with the field's visibility), and
///   `load()`/`store(value)` for all fields at once, each of which checks the handle before
///   touching the object;
/// - a hidden `__NodeLayout`, the object as it sits in the heap (each field in a `Cell`);
/// - the `GcType`/`GcObject` impls, whose type descriptor lists every field with its offset
///   and kind, so the collector scans reference fields precisely and the JIT knows the layout.
///
/// Field types must implement `ferrite_gc::GcField`: integers, floats, `bool`, `Gc<T>`,
/// `Option<Gc<T>>`, `GcRef`, `Option<GcRef>`.
#[proc_macro_attribute]
pub fn gc_object(attr: TokenStream, item: TokenStream) -> TokenStream {
    gc_object_in(attr, item, quote!(::ferrite_gc))
}

/// `#[gc_object]` naming the `ferrite_gc` crate as `root`.
fn gc_object_in(attr: TokenStream, item: TokenStream, root: TokenStream2) -> TokenStream {
    let attr = TokenStream2::from(attr);
    let result = if !attr.is_empty() {
        Err(syn::Error::new(
            attr.span(),
            "#[gc_object] takes no arguments",
        ))
    } else {
        syn::parse::<ItemStruct>(item).and_then(|input| expand_gc_object(input, root))
    };
    result.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// `#[gc_object]` for crates that depend on the `ferrite` facade rather than `ferrite_gc`
/// (which re-exports it under the usual name).
#[doc(hidden)]
#[proc_macro_attribute]
pub fn gc_object_via_ferrite(attr: TokenStream, item: TokenStream) -> TokenStream {
    gc_object_in(attr, item, quote!(::ferrite::__private::gc))
}

/// The expansion; `root` is the path of the `ferrite_gc` crate as the user's crate sees it.
fn expand_gc_object(input: ItemStruct, root: TokenStream2) -> syn::Result<TokenStream2> {
    if !input.generics.params.is_empty() {
        return Err(syn::Error::new(
            input.generics.span(),
            "a #[gc_object] type cannot be generic: each GC type needs its own descriptor; \
             declare one struct per element type, or store `GcRef`/`Option<GcRef>` fields",
        ));
    }
    for attr in &input.attrs {
        if attr.path().is_ident("repr") {
            return Err(syn::Error::new(
                attr.span(),
                "#[gc_object] chooses the layout itself (#[repr(C)]); remove this #[repr]",
            ));
        }
    }
    let named: Vec<&syn::Field> = match &input.fields {
        Fields::Named(fields) => fields.named.iter().collect(),
        Fields::Unit => Vec::new(),
        Fields::Unnamed(fields) => {
            return Err(syn::Error::new(
                fields.span(),
                "a #[gc_object] struct needs named fields (they become getters and setters)",
            ))
        }
    };

    let name = &input.ident;
    let name_text = name.to_string();
    let vis = &input.vis;
    let attrs = &input.attrs;
    let fields_type = format_ident!("{}Fields", name);
    let layout_type = format_ident!("__{}Layout", name);
    let access_type = format_ident!("{}Access", name);
    let derives_copy = derives(attrs, "Copy");
    let derives_clone = derives(attrs, "Clone");
    let copy_derive = match (derives_clone, derives_copy) {
        (true, true) => quote!(),
        (true, false) => quote!(#[derive(Copy)]),
        (false, true) => quote!(#[derive(Clone)]),
        (false, false) => quote!(#[derive(Clone, Copy)]),
    };

    let mut value_fields = Vec::new();
    let mut heap_fields = Vec::new();
    let mut accessors = Vec::new();
    let mut unchecked_accessors = Vec::new();
    let mut descriptors = Vec::new();
    let mut stored_checks = Vec::new();
    // Per quasi-immutable field, the call that invalidates the traces reading it as a
    // constant (its setter and `store` make it).
    let mut notifications = Vec::new();
    for (index, field) in named.iter().enumerate() {
        let ident = field.ident.as_ref().expect("named field");
        let ty = &field.ty;
        let field_vis = &field.vis;
        let quasi_immutable = field
            .attrs
            .iter()
            .any(|a| a.path().is_ident("quasi_immutable"));
        let virtualizable = field
            .attrs
            .iter()
            .any(|a| a.path().is_ident("virtualizable"));
        if quasi_immutable && virtualizable {
            return Err(syn::Error::new(
                ident.span(),
                "a field cannot be both #[quasi_immutable] and #[virtualizable]",
            ));
        }
        let field_attrs: Vec<&syn::Attribute> = field
            .attrs
            .iter()
            .filter(|a| {
                !a.path().is_ident("quasi_immutable") && !a.path().is_ident("virtualizable")
            })
            .collect();
        let notify = if quasi_immutable {
            let notify = quote! {
                #root::quasi_immutable::field_written(
                    <#name as #root::GcType>::descriptor_id(),
                    #index,
                );
            };
            notifications.push(notify.clone());
            notify
        } else {
            quote!()
        };
        let docs: Vec<_> = field_attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .collect();
        let setter = format_ident!("set_{}", ident);
        let ident_text = ident.to_string();
        value_fields.push(quote! { #(#field_attrs)* #field_vis #ident: #ty });
        heap_fields.push(quote! { #ident: ::core::cell::Cell<#ty> });
        accessors.push(quote! {
            #(#docs)*
            #[inline]
            #field_vis fn #ident(&self) -> #ty {
                self.0.with_fields(|fields| fields.#ident.get())
            }
            #[doc = concat!("Set the `", #ident_text, "` field.")]
            #[inline]
            #field_vis fn #setter(&self, value: #ty) {
                #root::GcField::check_stored(value);
                self.0.with_fields(|fields| fields.#ident.set(value));
                #notify
            }
        });
        unchecked_accessors.push(quote! {
            #(#docs)*
            #[inline]
            #field_vis fn #ident(&self) -> #ty {
                self.0.#ident.get()
            }
            #[doc = concat!("Set the `", #ident_text, "` field.")]
            #[inline]
            #field_vis fn #setter(&self, value: #ty) {
                #root::GcField::check_stored(value);
                self.0.#ident.set(value);
                #notify
            }
        });
        stored_checks.push(quote! {
            #root::GcField::check_stored(self.#ident);
        });
        let quasi = if quasi_immutable {
            quote!(.quasi_immutable())
        } else if virtualizable {
            quote!(.virtualizable())
        } else {
            quote!()
        };
        descriptors.push(quote_spanned! { ty.span() =>
            #root::FieldDescriptor::new(
                #ident_text,
                #root::HEADER_SIZE + ::core::mem::offset_of!(#name, #ident),
                <#ty as #root::GcField>::KIND,
            )#quasi
        });
    }
    let field_count = named.len();
    let field_names: Vec<&syn::Ident> = named
        .iter()
        .map(|f| f.ident.as_ref().expect("named field"))
        .collect();
    let access_doc = format!(
        "The fields of a `{name_text}` object inside `access`: the same getters and setters \
         as `{name_text}Fields`, without checking the handle again."
    );
    let fields_doc = format!(
        "The fields of a `{name_text}` object: what `Gc<{name_text}>` dereferences to. Each \
         accessor checks the handle first."
    );

    Ok(quote! {
        #(#attrs)*
        #[repr(C)]
        #copy_derive
        #vis struct #name {
            #(#value_fields,)*
        }

        #[doc(hidden)]
        #[repr(C)]
        #vis struct #layout_type {
            #(#heap_fields,)*
        }

        #[doc = #fields_doc]
        #[repr(transparent)]
        #vis struct #fields_type(#root::Gc<#name>);

        #[doc = #access_doc]
        #[repr(transparent)]
        #vis struct #access_type(#layout_type);

        impl #access_type {
            #(#unchecked_accessors)*
        }

        impl #fields_type {
            #(#accessors)*

            /// All fields at once, as a value: one handle check instead of one per field.
            #[inline]
            #vis fn load(&self) -> #name {
                self.0.with_fields(|fields| #name { #(#field_names: fields.#field_names.get(),)* })
            }

            /// Run `access` on the fields with one handle check for all its reads and
            /// writes (stored references are still checked). The fields cannot outlive the
            /// call, and while it runs the reference pins the object, as `with_fields`'s.
            #[inline]
            #vis fn access<R>(&self, access: impl for<'a> FnOnce(&'a #access_type) -> R) -> R {
                self.0.with_access(access)
            }

            /// Replace all fields at once.
            #[inline]
            #vis fn store(&self, value: #name) {
                #root::GcObject::check_refs(&value);
                self.0.with_fields(|fields| { #(fields.#field_names.set(value.#field_names);)* });
                #(#notifications)*
            }
        }

        // SAFETY: `#name` is `repr(C)` with `GcField` fields only (each `<T as GcField>`
        // below fails to compile otherwise) and the descriptor is built from the real
        // offsets.
        unsafe impl #root::GcType for #name {
            #[inline]
            fn descriptor_id() -> #root::DescriptorId {
                static FIELDS: [#root::FieldDescriptor; #field_count] = [#(#descriptors,)*];
                static DESCRIPTOR: #root::TypeDescriptor = #root::TypeDescriptor::fixed(
                    #name_text,
                    ::core::mem::size_of::<#name>(),
                    &FIELDS,
                );
                static ID: #root::DescriptorCell = #root::DescriptorCell::new();
                ID.get(&DESCRIPTOR)
            }
        }

        // SAFETY: `#layout_type` is `#name`'s layout with every field in a `Cell`,
        // `#fields_type` is `repr(transparent)` over `Gc<#name>`, `#access_type` over
        // `#layout_type` (its setters check stored references), and `check_refs` checks
        // every field.
        unsafe impl #root::GcObject for #name {
            type Layout = #layout_type;
            type View = #fields_type;
            type Access = #access_type;

            #[inline]
            fn check_refs(&self) {
                #(#stored_checks)*
            }
        }

        const _: () = {
            assert!(
                ::core::mem::align_of::<#name>() <= 8,
                "GC objects are 8-aligned: a field needs more alignment than that"
            );
            assert!(
                ::core::mem::size_of::<#name>() == ::core::mem::size_of::<#layout_type>()
            );
        };
    })
}

/// Whether `#[derive(..)]` among `attrs` names `trait_name`.
fn derives(attrs: &[syn::Attribute], trait_name: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            let mut found = false;
            let _ = a.parse_nested_meta(|meta| {
                if meta.path.is_ident(trait_name) {
                    found = true;
                }
                Ok(())
            });
            found
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn error_of(item: ItemStruct) -> String {
        expand_gc_object(item, quote!(::ferrite_gc))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn generic_structs_are_rejected() {
        let message = error_of(parse_quote! { struct Boxed<T> { value: T } });
        assert!(message.contains("cannot be generic"), "{message}");
    }

    #[test]
    fn tuple_structs_are_rejected() {
        let message = error_of(parse_quote! { struct Point(i64, i64); });
        assert!(message.contains("named fields"), "{message}");
    }

    #[test]
    fn explicit_repr_is_rejected() {
        let message = error_of(parse_quote! { #[repr(C)] struct Point { x: i64 } });
        assert!(message.contains("#[repr"), "{message}");
    }

    fn expand_gc_object_for_test(input: ItemStruct) -> syn::Result<TokenStream2> {
        expand_gc_object(input, quote!(::ferrite_gc))
    }

    #[test]
    fn accessors_and_descriptor_are_generated() {
        let code = expand_gc_object_for_test(parse_quote! {
            pub struct Point { pub x: i64, y: Option<Gc<Point>> }
        })
        .unwrap()
        .to_string();
        for expected in [
            "pub struct PointFields (:: ferrite_gc :: Gc < Point >)",
            "pub struct __PointLayout",
            "pub fn x (& self) -> i64",
            "pub fn set_x (& self , value : i64)",
            "fn y (& self) -> Option < Gc < Point > >",
            "offset_of ! (Point , y)",
            "derive (Clone , Copy)",
        ] {
            assert!(code.contains(expected), "missing `{expected}` in {code}");
        }
    }

    #[test]
    fn existing_derives_are_not_repeated() {
        let code = expand_gc_object_for_test(parse_quote! {
            #[derive(Clone, Copy, Debug)]
            struct Point { x: i64 }
        })
        .unwrap()
        .to_string();
        assert!(!code.contains("derive (Clone , Copy)"), "{code}");
        assert!(derives(&[parse_quote!(#[derive(Debug, Copy)])], "Copy"));
    }
}

/// Mark the interpreter's portal: the function holding `jit_merge_point!`. Natively, the
/// attribute expands the driver hints into the merge-point contract (see the `ferrite`
/// crate); the translator translates the function to the portal's jitcode.
#[proc_macro_attribute]
pub fn portal(attr: TokenStream, item: TokenStream) -> TokenStream {
    let attr = TokenStream2::from(attr);
    let result = if !attr.is_empty() {
        Err(syn::Error::new(attr.span(), "#[portal] takes no arguments"))
    } else {
        syn::parse::<syn::ItemFn>(item).and_then(portal::expand_portal)
    };
    result.unwrap_or_else(syn::Error::into_compile_error).into()
}

/// Declare the function hints, which only the translator reads: each leaves the function
/// unchanged (and takes no arguments).
macro_rules! function_hints {
    ($($(#[$doc:meta])* $name:ident;)*) => {
        $(
            $(#[$doc])*
            #[proc_macro_attribute]
            pub fn $name(attr: TokenStream, item: TokenStream) -> TokenStream {
                let attr = TokenStream2::from(attr);
                if !attr.is_empty() {
                    let message = concat!("#[", stringify!($name), "] takes no arguments");
                    return syn::Error::new(attr.span(), message).into_compile_error().into();
                }
                item
            }
        )*
    };
}

function_hints! {
    /// The function's result depends only on its arguments and it writes nothing: a call
    /// with constant arguments is folded while tracing. Called residually.
    elidable;
    /// Traced code calls the function without tracing its body (any Rust is allowed in it).
    dont_look_inside;
    /// Trace the function even though it loops or recurses.
    look_inside;
    /// The function's loops have a bound that does not depend on the user's data: trace it
    /// (its loops are unrolled in traces).
    unroll_safe;
    /// With the same arguments, the result is the same within one iteration of a traced
    /// loop: a trace calls it once. Called residually.
    loop_invariant;
}
