//! RUN commands looked up by instruction, for rules that walk a stage in order and keep state.

use crate::{Context, RunCommand};

pub(crate) struct RunIndex<'a> {
    /// Every RUN command, in file order (so sorted by instruction index).
    commands: Vec<RunCommand<'a>>,
}

impl<'a> RunIndex<'a> {
    pub fn new(cx: &Context<'a>) -> RunIndex<'a> {
        RunIndex {
            commands: cx.run_commands().collect(),
        }
    }

    /// The commands of the instruction at `index` (empty unless it is a RUN).
    pub fn of(&self, index: usize) -> &[RunCommand<'a>] {
        let start = self.commands.partition_point(|c| c.index < index);
        let end = self.commands.partition_point(|c| c.index <= index);
        &self.commands[start..end]
    }
}
