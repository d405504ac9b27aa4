//! Code generation for assignment targets: plain, unpacking (with a starred target),
//! augmented and annotated assignment, and `del`.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::bytecode::{Const, Op};
use super::codegen::{describe, Compiler};
use super::CompileError;

impl<'a> Compiler<'a> {
    /// Store the value on top of the stack into `target`.
    pub fn assign(&mut self, target: &'a Expr) -> Result<(), CompileError> {
        match target {
            Expr::Name(name) => self.store_name(name.id.as_str()),
            Expr::Attribute(attribute) => {
                self.expression(&attribute.value)?;
                let i = self.name_index(attribute.attr.id.as_str());
                self.emit(Op::STORE_ATTR, i);
            }
            Expr::Subscript(subscript) => {
                self.expression(&subscript.value)?;
                self.subscript_index(&subscript.slice)?;
                self.emit(Op::STORE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.unpack(elts, target.range())?;
                for element in elts {
                    match element {
                        Expr::Starred(starred) => self.assign(&starred.value)?,
                        _ => self.assign(element)?,
                    }
                }
            }
            Expr::Starred(starred) => {
                return self.error(
                    "starred assignment target must be in a list or tuple",
                    starred.range,
                )
            }
            other => {
                return self.error(
                    format!("cannot assign to {}", describe(other)),
                    other.range(),
                )
            }
        }
        Ok(())
    }

    pub(super) fn unpack(
        &mut self,
        elements: &[Expr],
        range: TextRange,
    ) -> Result<(), CompileError> {
        let star = elements.iter().position(|e| matches!(e, Expr::Starred(_)));
        match star {
            None => self.emit(Op::UNPACK_SEQUENCE, elements.len() as u32),
            Some(position) => {
                if elements
                    .iter()
                    .filter(|e| matches!(e, Expr::Starred(_)))
                    .count()
                    > 1
                {
                    return self.error("multiple starred expressions in assignment", range);
                }
                let after = elements.len() - position - 1;
                if position > 255 || after > 255 {
                    return self.error("too many expressions in star-unpacking assignment", range);
                }
                self.emit(Op::UNPACK_EX, position as u32 | ((after as u32) << 8));
            }
        }
        Ok(())
    }

    pub(super) fn delete(&mut self, target: &'a Expr) -> Result<(), CompileError> {
        match target {
            Expr::Name(name) => self.name_op(name.id.as_str(), ast::ExprContext::Del),
            Expr::Attribute(attribute) => {
                self.expression(&attribute.value)?;
                let i = self.name_index(attribute.attr.id.as_str());
                self.emit(Op::DELETE_ATTR, i);
            }
            Expr::Subscript(subscript) => {
                self.expression(&subscript.value)?;
                self.subscript_index(&subscript.slice)?;
                self.emit(Op::DELETE_SUBSCR, 0);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.delete(element)?;
                }
            }
            other => {
                return self.error(format!("cannot delete {}", describe(other)), other.range())
            }
        }
        Ok(())
    }

    pub(super) fn aug_assign(&mut self, aug: &'a ast::StmtAugAssign) -> Result<(), CompileError> {
        let op = super::expressions::binary_operator(aug.op) | super::bytecode::binop::INPLACE;
        match &*aug.target {
            Expr::Name(name) => {
                self.load_name(name.id.as_str());
                self.expression(&aug.value)?;
                self.emit(Op::BINARY_OP, op);
                self.store_name(name.id.as_str());
            }
            Expr::Attribute(attribute) => {
                self.expression(&attribute.value)?;
                self.emit(Op::COPY, 1);
                let i = self.name_index(attribute.attr.id.as_str());
                self.emit(Op::LOAD_ATTR, i);
                self.expression(&aug.value)?;
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::SWAP, 2);
                self.emit(Op::STORE_ATTR, i);
            }
            Expr::Subscript(subscript) => {
                self.expression(&subscript.value)?;
                self.subscript_index(&subscript.slice)?;
                self.emit(Op::COPY, 2);
                self.emit(Op::COPY, 2);
                self.emit(Op::BINARY_SUBSCR, 0);
                self.expression(&aug.value)?;
                self.emit(Op::BINARY_OP, op);
                self.emit(Op::SWAP, 3);
                self.emit(Op::SWAP, 2);
                self.emit(Op::STORE_SUBSCR, 0);
            }
            other => {
                return self.error(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(other)
                    ),
                    other.range(),
                )
            }
        }
        Ok(())
    }

    pub(super) fn ann_assign(&mut self, ann: &'a ast::StmtAnnAssign) -> Result<(), CompileError> {
        if let Some(value) = &ann.value {
            self.expression(value)?;
            self.assign(&ann.target)?;
        }
        let in_function = self.scope().is_function_like();
        if let Expr::Name(name) = &*ann.target {
            if ann.simple && !in_function {
                self.expression(&ann.annotation)?;
                self.load_name("__annotations__");
                self.load_const(Const::Str(self.mangle(name.id.as_str())));
                self.emit(Op::STORE_SUBSCR, 0);
            }
        } else if !in_function {
            // Evaluated for its side effects only, as CPython does.
            match &*ann.target {
                Expr::Attribute(a) => {
                    self.expression(&a.value)?;
                    self.emit(Op::POP_TOP, 0);
                }
                Expr::Subscript(s) => {
                    self.expression(&s.value)?;
                    self.emit(Op::POP_TOP, 0);
                    self.subscript_index(&s.slice)?;
                    self.emit(Op::POP_TOP, 0);
                }
                _ => {}
            }
            self.expression(&ann.annotation)?;
            self.emit(Op::POP_TOP, 0);
        }
        Ok(())
    }
}
