using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

/// <summary>Updates parameters from their gradients. Optimizers keep per-parameter state (momentum, moments).</summary>
public interface IOptimizer
{
    /// <summary>Applies one update to every parameter using its current <see cref="Parameter.Gradient"/>.</summary>
    /// <param name="parameters">The same list, in the same order, on every call.</param>
    /// <param name="learningRate">The step size for this update; each parameter takes it times its <see cref="Parameter.LearningRateFactor"/>.</param>
    void Step(IReadOnlyList<Parameter> parameters, float learningRate);

    /// <summary>
    /// Describes state that is no longer finite (a moment estimate that overflowed to infinity stops its weights from ever
    /// moving again), naming the parameter; null when all state is finite. The trainer checks it after each epoch.
    /// </summary>
    /// <param name="parameters">The list passed to <see cref="Step"/>.</param>
    string? DescribeNonFiniteState(IReadOnlyList<Parameter> parameters) => null;
}
