//! `#[ferrite::portal]`: the native half of the merge-point contract.
//!
//! The attribute rewrites the portal's `jit_merge_point!` and `can_enter_jit!` into calls of
//! the runtime that may hand the state to the JIT and, when it comes back, assign the greens
//! and reds (and `continue` to the merge point) or `return` what the JIT returned. The first
//! pass through the merge point is the portal's entry (counted with `function_threshold`), so
//! the attribute adds a flag for it at the top of the body.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::parse::{Parse, ParseStream};
use syn::visit_mut::VisitMut;
use syn::{Ident, ItemFn, Token};

/// `DRIVER, greens(a, b), reds(c, d)`.
struct Hint {
    driver: syn::Path,
    greens: Vec<Ident>,
    reds: Vec<Ident>,
}

fn names(input: ParseStream, word: &str) -> syn::Result<Vec<Ident>> {
    let keyword: Ident = input.parse()?;
    if keyword != word {
        return Err(syn::Error::new(
            keyword.span(),
            format!("expected `{word}(...)`"),
        ));
    }
    let content;
    syn::parenthesized!(content in input);
    Ok(content
        .parse_terminated(Ident::parse, Token![,])?
        .into_iter()
        .collect())
}

impl Parse for Hint {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let driver = input.parse()?;
        let _: Token![,] = input.parse()?;
        let greens = names(input, "greens")?;
        let _: Token![,] = input.parse()?;
        let reds = names(input, "reds")?;
        let _: Option<Token![,]> = input.parse()?;
        Ok(Hint {
            driver,
            greens,
            reds,
        })
    }
}

fn entry_flag() -> Ident {
    format_ident!("__ferrite_portal_entry")
}

/// The native code of a hint: `merge_point` for `jit_merge_point!` (runs on the first pass
/// only), else `can_enter_jit!`.
fn expand(hint: &Hint, merge_point: bool) -> TokenStream {
    let driver = &hint.driver;
    let greens = &hint.greens;
    let reds = &hint.reds;
    let assigned: Vec<&Ident> = greens.iter().chain(reds).collect();
    let indices = 0..assigned.len();
    let private = quote!(::ferrite::__private);
    let call = if merge_point {
        quote!(#private::portal_entry)
    } else {
        quote!(#private::can_enter_jit)
    };
    let after_assign = if merge_point {
        quote!()
    } else {
        quote!(continue;)
    };
    let jumped = quote! {
        match #call(
            &#driver,
            &[#(#private::scalar(#greens)),*],
            &[#(#private::scalar(#reds)),*],
        ) {
            #private::Jumped::Continue => {}
            #private::Jumped::MergePoint(values) => {
                #(#assigned = #private::JitValue::from_scalar(values[#indices]);)*
                #after_assign
            }
            #private::Jumped::Returned(value) => {
                return #private::PortalReturn::from_returned(value);
            }
            #private::Jumped::Raised(exception) => {
                return #private::PortalReturn::from_raised(exception);
            }
        }
    };
    if merge_point {
        let flag = entry_flag();
        quote! {
            if ::core::mem::replace(&mut #flag, false) {
                #jumped
            }
        }
    } else {
        jumped
    }
}

struct Rewriter {
    errors: Vec<syn::Error>,
    merge_points: usize,
}

impl Rewriter {
    fn rewrite(&mut self, mac: &syn::Macro) -> Option<TokenStream> {
        let name = mac.path.segments.last()?.ident.to_string();
        let merge_point = match name.as_str() {
            "jit_merge_point" => true,
            "can_enter_jit" => false,
            _ => return None,
        };
        match mac.parse_body::<Hint>() {
            Ok(hint) => {
                if merge_point {
                    self.merge_points += 1;
                }
                Some(expand(&hint, merge_point))
            }
            Err(error) => {
                self.errors.push(error);
                Some(quote!())
            }
        }
    }
}

impl VisitMut for Rewriter {
    fn visit_stmt_mut(&mut self, statement: &mut syn::Stmt) {
        if let syn::Stmt::Macro(invocation) = statement {
            if let Some(tokens) = self.rewrite(&invocation.mac) {
                *statement = syn::Stmt::Expr(syn::Expr::Verbatim(quote!({ #tokens })), None);
                return;
            }
        }
        syn::visit_mut::visit_stmt_mut(self, statement);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Macro(invocation) = expr {
            if let Some(tokens) = self.rewrite(&invocation.mac) {
                *expr = syn::Expr::Verbatim(quote!({ #tokens }));
                return;
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }

    // Closures and nested items are not the portal's body.
    fn visit_expr_closure_mut(&mut self, _: &mut syn::ExprClosure) {}
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

pub fn expand_portal(mut function: ItemFn) -> syn::Result<TokenStream> {
    let mut rewriter = Rewriter {
        errors: Vec::new(),
        merge_points: 0,
    };
    rewriter.visit_block_mut(&mut function.block);
    if let Some(error) = rewriter.errors.into_iter().reduce(|mut all, e| {
        all.combine(e);
        all
    }) {
        return Err(error);
    }
    if rewriter.merge_points != 1 {
        return Err(syn::Error::new(
            function.sig.ident.span(),
            "a #[ferrite::portal] function holds exactly one jit_merge_point!(DRIVER, greens(..), reds(..))",
        ));
    }
    let flag = entry_flag();
    let body = &function.block;
    *function.block = syn::parse_quote!({
        #[allow(unused_mut, unused_assignments)]
        let mut #flag = true;
        #body
    });
    Ok(quote!(#function))
}
