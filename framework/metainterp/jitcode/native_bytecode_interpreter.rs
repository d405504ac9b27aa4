// Included (`include!`) by the driver tests and the bytecode_loop example, which import
// `Array`, `BlackholeError`, `Driver`, `Gc`, `Resumed` and `Scalar`.

/// The bytecode interpreter of `bytecode_interpreter.jitcode`, written in Rust: a native
/// interpreter keeping the merge-point contract. It asks the driver at its portal's entry
/// and at its one back-edge (JNZ taken), and when the JIT ran, continues from the greens
/// and reds it is given, or returns.
fn interpret_natively(
    driver: &mut Driver,
    program: Gc<Array<i64>>,
    mut pc: i64,
    mut n: i64,
    mut acc: i64,
) -> Result<i64, BlackholeError> {
    let code = Scalar::Ref(Some(program.erase()));
    let int = |value: Scalar| match value {
        Scalar::Int(v) => v,
        other => panic!("expected an integer, got {other:?}"),
    };
    let mut resumed = driver.portal_entry(
        &[Scalar::Int(pc), code],
        &[Scalar::Int(n), Scalar::Int(acc)],
    )?;
    loop {
        match resumed.take() {
            Some(Resumed::Returned(value)) => return Ok(int(value.expect("a result"))),
            Some(Resumed::MergePoint { greens, reds }) => {
                (pc, n, acc) = (int(greens[0]), int(reds[0]), int(reds[1]));
            }
            None => {}
        }
        // jit_merge_point: greens pc and the program, reds n and acc.
        let op = program.get(pc as usize);
        pc += 1;
        match op {
            0 => acc = acc.wrapping_add(n),
            1 => n = n.wrapping_sub(1),
            2 => {
                let target = program.get(pc as usize);
                pc += 1;
                if n > 0 {
                    pc = target;
                    resumed = driver.can_enter_jit(
                        &[Scalar::Int(pc), code],
                        &[Scalar::Int(n), Scalar::Int(acc)],
                    )?;
                }
            }
            3 => return Ok(acc),
            _ => return Ok(-1),
        }
    }
}
