"""go: random playouts of the game of Go on a 9x9 board, with captures, suicide and
simple-ko rules and area scoring; the randomness comes from a linear congruential
generator written here, seeded identically every run.

Exercises classes and method calls, lists indexed by board point, flood fills with an
explicit stack, sets, dicts, integer arithmetic, early returns and while loops.
Usage: go.py [PLAYOUTS]  (default 400); plays that many games to the end (plus a small
flat Monte Carlo move choice); prints win counts, the total score and a board hash.
"""

import sys

SIZE = 9
POINTS = SIZE * SIZE
EMPTY, BLACK, WHITE = 0, 1, 2
KOMI = 7.5
MAX_MOVES = 3 * POINTS


def other(color):
    return WHITE if color == BLACK else BLACK


def make_neighbors():
    table = []
    for p in range(POINTS):
        row, col = divmod(p, SIZE)
        near = []
        if row > 0:
            near.append(p - SIZE)
        if row < SIZE - 1:
            near.append(p + SIZE)
        if col > 0:
            near.append(p - 1)
        if col < SIZE - 1:
            near.append(p + 1)
        table.append(near)
    return table


NEIGHBORS = make_neighbors()


class Random:
    """The classic 31-bit LCG (multiplier 1103515245, increment 12345)."""

    def __init__(self, seed):
        self.state = seed & 0x7FFFFFFF

    def next(self):
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state >> 7

    def below(self, n):
        return self.next() % n


class Board:
    def __init__(self):
        self.stones = [EMPTY] * POINTS
        self.ko = -1
        self.to_move = BLACK
        self.passes = 0
        self.moves = 0
        self.captures = {BLACK: 0, WHITE: 0}

    def group(self, p):
        """The stones connected to p and the number of distinct liberties."""
        stones = self.stones
        color = stones[p]
        members = [p]
        seen = {p}
        liberties = set()
        stack = [p]
        while stack:
            q = stack.pop()
            for n in NEIGHBORS[q]:
                c = stones[n]
                if c == EMPTY:
                    liberties.add(n)
                elif c == color and n not in seen:
                    seen.add(n)
                    members.append(n)
                    stack.append(n)
        return members, len(liberties)

    def is_eye(self, p, color):
        for n in NEIGHBORS[p]:
            if self.stones[n] != color:
                return False
        return True

    def play(self, p):
        """Play p for the side to move; return False (board unchanged) if illegal."""
        stones = self.stones
        if stones[p] != EMPTY or p == self.ko:
            return False
        color = self.to_move
        enemy = other(color)
        stones[p] = color
        captured = []
        for n in NEIGHBORS[p]:
            if stones[n] == enemy:
                members, liberties = self.group(n)
                if liberties == 0:
                    for m in members:
                        stones[m] = EMPTY
                    captured.extend(members)
        members, liberties = self.group(p)
        if liberties == 0:
            stones[p] = EMPTY  # suicide; nothing was captured, or it would have a liberty
            return False
        if len(captured) == 1 and len(members) == 1 and liberties == 1:
            self.ko = captured[0]
        else:
            self.ko = -1
        self.captures[color] += len(captured)
        self.to_move = enemy
        self.passes = 0
        self.moves += 1
        return True

    def pass_move(self):
        self.ko = -1
        self.to_move = other(self.to_move)
        self.passes += 1
        self.moves += 1

    def random_move(self, rng):
        """Play a random legal move that does not fill one of our own eyes, else pass."""
        color = self.to_move
        stones = self.stones
        start = rng.below(POINTS)
        for i in range(POINTS):
            p = (start + i) % POINTS
            if stones[p] == EMPTY and not self.is_eye(p, color) and self.play(p):
                return p
        self.pass_move()
        return -1

    def playout(self, rng):
        while self.passes < 2 and self.moves < MAX_MOVES:
            self.random_move(rng)

    def score(self):
        """Area score: black minus white, without komi."""
        stones = self.stones
        total = 0
        owner = {}
        for p in range(POINTS):
            c = stones[p]
            if c == BLACK:
                total += 1
            elif c == WHITE:
                total -= 1
            elif p not in owner:
                region, borders = self.empty_region(p)
                value = 0
                if borders == {BLACK}:
                    value = 1
                elif borders == {WHITE}:
                    value = -1
                for q in region:
                    owner[q] = value
                total += value * len(region)
        return total

    def empty_region(self, p):
        stones = self.stones
        region = [p]
        seen = {p}
        borders = set()
        stack = [p]
        while stack:
            q = stack.pop()
            for n in NEIGHBORS[q]:
                c = stones[n]
                if c != EMPTY:
                    borders.add(c)
                elif n not in seen:
                    seen.add(n)
                    region.append(n)
                    stack.append(n)
        return region, borders

    def hash(self):
        h = 0
        for c in self.stones:
            h = (h * 3 + c) % 1000000007
        return h

    def __str__(self):
        marks = ".XO"
        rows = []
        for r in range(SIZE):
            rows.append(" ".join(marks[c] for c in self.stones[r * SIZE:(r + 1) * SIZE]))
        return "\n".join(rows)


def best_first_move(rng, candidates, playouts_each):
    """Flat Monte Carlo: the candidate opening whose random games black wins most often."""
    best = None
    best_wins = -1
    for p in candidates:
        wins = 0
        for _ in range(playouts_each):
            board = Board()
            board.play(p)
            board.playout(rng)
            if board.score() - KOMI > 0:
                wins += 1
        if wins > best_wins:
            best = p
            best_wins = wins
    return best, best_wins


def main():
    playouts = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rng = Random(20240611)
    black_wins = 0
    total_score = 0
    total_moves = 0
    total_captures = 0
    board_hash = 0
    last = None
    for _ in range(playouts):
        board = Board()
        board.playout(rng)
        score = board.score()
        if score - KOMI > 0:
            black_wins += 1
        total_score += score
        total_moves += board.moves
        total_captures += board.captures[BLACK] + board.captures[WHITE]
        board_hash = (board_hash * 31 + board.hash()) % 1000000007
        last = board
    print(f"playouts {playouts}: black wins {black_wins}, white wins {playouts - black_wins}")
    print(f"total score {total_score}, moves {total_moves}, captures {total_captures}")
    print(f"board hash {board_hash}")
    print(last)
    candidates = [40, 30, 20, 22, 58]
    move, wins = best_first_move(rng, candidates, max(1, playouts // 40))
    print(f"best opening {divmod(move, SIZE)} winning {wins}")


main()
