"""richards: Martin Richards' operating-system simulation -- an idle task, a worker, two
packet handlers and two devices exchanging packets under a priority scheduler.

Exercises classes, instance attributes, method calls (including polymorphic `run`
methods on the task subclasses), linked lists via attributes, None checks and
bit operations. Usage: richards.py [ITERATIONS]  (default 80); each iteration runs the
scheduler to completion; prints the queue and hold counts (checked against the known
values 23246 and 9297 per iteration).
"""

import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE = 0
KIND_WORK = 1
DATA_SIZE = 4

# Task states, as bits.
RUNNING = 0
RUNNABLE = 1
SUSPENDED = 2
HELD = 4
SUSPENDED_RUNNABLE = SUSPENDED | RUNNABLE
NOT_HELD = ~HELD

IDLE_COUNT = 10000


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.a1 = 0
        self.a2 = [0] * DATA_SIZE

    def append_to(self, queue):
        """Put this packet at the end of `queue`; return the new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class TaskControlBlock:
    def __init__(self, link, ident, priority, queue, task):
        self.link = link
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.task = task
        self.state = SUSPENDED if queue is None else SUSPENDED_RUNNABLE

    def held_or_suspended(self):
        return (self.state & HELD) != 0 or self.state == SUSPENDED

    def run(self):
        if self.state == SUSPENDED_RUNNABLE:
            packet = self.queue
            self.queue = packet.link
            self.state = RUNNING if self.queue is None else RUNNABLE
        else:
            packet = None
        return self.task.run(packet)

    def add_packet(self, current, packet):
        """Deliver `packet` to this task; return the task that should run next."""
        if self.queue is None:
            self.queue = packet
            self.state |= RUNNABLE
            if self.priority > current.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return current


class Scheduler:
    def __init__(self):
        self.queue_count = 0
        self.hold_count = 0
        self.blocks = [None] * 6
        self.tasks = None
        self.current = None
        self.current_ident = 0

    def add(self, ident, priority, queue, task):
        self.current = TaskControlBlock(self.tasks, ident, priority, queue, task)
        self.tasks = self.current
        self.blocks[ident] = self.current

    def schedule(self):
        self.current = self.tasks
        while self.current is not None:
            tcb = self.current
            if tcb.held_or_suspended():
                self.current = tcb.link
            else:
                self.current_ident = tcb.ident
                self.current = tcb.run()

    def release(self, ident):
        tcb = self.blocks[ident]
        if tcb is None:
            return tcb
        tcb.state &= NOT_HELD
        if tcb.priority > self.current.priority:
            return tcb
        return self.current

    def hold_current(self):
        self.hold_count += 1
        self.current.state |= HELD
        return self.current.link

    def suspend_current(self):
        self.current.state |= SUSPENDED
        return self.current

    def send(self, packet):
        target = self.blocks[packet.ident]
        if target is None:
            return target
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current_ident
        return target.add_packet(self.current, packet)


class Task:
    def __init__(self, scheduler):
        self.scheduler = scheduler


class IdleTask(Task):
    def __init__(self, scheduler, seed, count):
        Task.__init__(self, scheduler)
        self.seed = seed
        self.count = count

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.scheduler.hold_current()
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
            return self.scheduler.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.scheduler.release(DEVICE_B)


class DeviceTask(Task):
    def __init__(self, scheduler):
        Task.__init__(self, scheduler)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.suspend_current()
            packet = self.pending
            self.pending = None
            return self.scheduler.send(packet)
        self.pending = packet
        return self.scheduler.hold_current()


class WorkerTask(Task):
    def __init__(self, scheduler):
        Task.__init__(self, scheduler)
        self.destination = HANDLER_A
        self.value = 0

    def run(self, packet):
        if packet is None:
            return self.scheduler.suspend_current()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.ident = self.destination
        packet.a1 = 0
        data = packet.a2
        for i in range(DATA_SIZE):
            self.value += 1
            if self.value > 26:
                self.value = 1
            data[i] = self.value
        return self.scheduler.send(packet)


class HandlerTask(Task):
    def __init__(self, scheduler):
        Task.__init__(self, scheduler)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        work = self.work
        if work is not None:
            index = work.a1
            if index < DATA_SIZE:
                device = self.devices
                if device is not None:
                    self.devices = device.link
                    device.a1 = work.a2[index]
                    work.a1 = index + 1
                    return self.scheduler.send(device)
            else:
                self.work = work.link
                return self.scheduler.send(work)
        return self.scheduler.suspend_current()


def run_once():
    s = Scheduler()
    s.add(IDLE, 0, None, IdleTask(s, 1, IDLE_COUNT))
    s.current.state = RUNNING

    queue = Packet(None, WORKER, KIND_WORK)
    queue = Packet(queue, WORKER, KIND_WORK)
    s.add(WORKER, 1000, queue, WorkerTask(s))

    queue = None
    for _ in range(3):
        queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    s.add(HANDLER_A, 2000, queue, HandlerTask(s))

    queue = None
    for _ in range(3):
        queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    s.add(HANDLER_B, 3000, queue, HandlerTask(s))

    s.add(DEVICE_A, 4000, None, DeviceTask(s))
    s.add(DEVICE_B, 5000, None, DeviceTask(s))

    s.schedule()
    return s.queue_count, s.hold_count


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 80
    total_queue = 0
    total_hold = 0
    for _ in range(iterations):
        queue_count, hold_count = run_once()
        if queue_count != 23246 or hold_count != 9297:
            print(f"richards: wrong counts {queue_count} {hold_count}")
            sys.exit(1)
        total_queue += queue_count
        total_hold += hold_count
    print(f"queue count {total_queue}, hold count {total_hold}")


main()
