//! Random Brainfuck programs that always terminate, for the differential tests.
//!
//! Every loop is counted: its counter cell is cleared (`[-]`) and set to a small number, and
//! the body moves back to where it started, never touches the counter, and the loop ends
//! with `-`. Loops nest a few deep, so a program runs a few thousand steps. Some loops are
//! entered with a zero counter (skipped), some bodies clear cells (`[-]` or `[+]`, which end
//! because cells wrap), and the pointer never moves left of the first cell.

use ferrite::random::Rng;

struct Generator {
    rng: Rng,
    code: String,
    position: usize,
    /// Cells that loop counters use (no body may touch them).
    counters: Vec<usize>,
    budget: usize,
}

/// The most cells a program uses (it moves within them).
const CELLS: usize = 12;

impl Generator {
    fn move_to(&mut self, cell: usize) {
        while self.position < cell {
            self.code.push('>');
            self.position += 1;
        }
        while self.position > cell {
            self.code.push('<');
            self.position -= 1;
        }
    }

    /// A cell other than the loop counters.
    fn free_cell(&mut self) -> Option<usize> {
        let free: Vec<usize> = (0..CELLS).filter(|c| !self.counters.contains(c)).collect();
        (!free.is_empty()).then(|| free[self.rng.below(free.len() as u64) as usize])
    }

    fn sequence(&mut self, depth: usize) {
        let length = 1 + self.rng.below(8);
        for _ in 0..length {
            if self.budget == 0 {
                return;
            }
            self.budget -= 1;
            let Some(cell) = self.free_cell() else { return };
            self.move_to(cell);
            match self.rng.below(10) {
                0..=2 => {
                    let count = 1 + self.rng.below(5);
                    let symbol = if self.rng.below(2) == 0 { '+' } else { '-' };
                    self.code
                        .extend(std::iter::repeat_n(symbol, count as usize));
                }
                3 | 4 => self.code.push('.'),
                5 => self.code.push(','),
                6 => self
                    .code
                    .push_str(if self.rng.below(2) == 0 { "[-]" } else { "[+]" }),
                _ if depth < 3 => self.counted_loop(cell, depth),
                _ => self.code.push('+'),
            }
        }
    }

    /// `[-]` `+`×k `[` body `-]` at `counter`, with a body that returns to it.
    fn counted_loop(&mut self, counter: usize, depth: usize) {
        self.code.push_str("[-]");
        let count = self.rng.below(5);
        self.code.extend(std::iter::repeat_n('+', count as usize));
        self.code.push('[');
        self.counters.push(counter);
        self.sequence(depth + 1);
        self.move_to(counter);
        self.counters.pop();
        self.code.push_str("-]");
    }
}

/// A random terminating program of about `size` pieces, and an input for it.
pub fn program(seed: u64, size: usize) -> (String, Vec<u8>) {
    let mut generator = Generator {
        rng: Rng::new(seed),
        code: String::new(),
        position: 0,
        counters: Vec::new(),
        budget: size,
    };
    while generator.budget > 0 {
        generator.sequence(0);
    }
    // End by printing every cell, so the final state is compared too.
    generator.move_to(0);
    for cell in 0..CELLS {
        generator.move_to(cell);
        generator.code.push('.');
    }
    let input_length = generator.rng.below(16) as usize;
    let input = (0..input_length)
        .map(|_| generator.rng.below(256) as u8)
        .collect();
    (generator.code, input)
}
