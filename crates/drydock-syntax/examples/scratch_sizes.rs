fn main() {
    use drydock_syntax::*;
    println!(
        "Instruction {} Kind {} Word {} Copy {} Run {} Healthcheck {} LogicalText {} Heredoc {}",
        std::mem::size_of::<Instruction>(),
        std::mem::size_of::<Kind>(),
        std::mem::size_of::<Word>(),
        std::mem::size_of::<Copy>(),
        std::mem::size_of::<Run>(),
        std::mem::size_of::<Healthcheck>(),
        std::mem::size_of::<LogicalText>(),
        std::mem::size_of::<Heredoc>()
    );
}
