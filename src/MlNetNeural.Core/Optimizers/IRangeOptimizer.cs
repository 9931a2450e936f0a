using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

/// <summary>
/// An optimizer whose update is element-wise, so that a step can be split into ranges of each parameter that run in any
/// order, on any thread, with the same result (the built-in ones; see <see cref="Training.ParameterUpdate"/>).
/// <see cref="IOptimizer.Step"/> is <see cref="BeginStep"/> followed by <see cref="UpdateRange"/> over every value with no L2 penalty.
/// </summary>
internal interface IRangeOptimizer : IOptimizer
{
    /// <summary>Starts a step: creates the state on the first call, advances the step count, fixes this step's constants.</summary>
    /// <param name="parameters">The same list, in the same order, on every call.</param>
    /// <param name="learningRate">The step size for this update.</param>
    void BeginStep(IReadOnlyList<Parameter> parameters, float learningRate);

    /// <summary>Updates values <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 of parameter <paramref name="parameter"/> (safe to call concurrently for disjoint ranges).</summary>
    /// <param name="parameter">Index into the list given to <see cref="BeginStep"/>.</param>
    /// <param name="start">First value; a multiple of 64 unless it is 0.</param>
    /// <param name="length">Values to update.</param>
    /// <param name="l2Penalty">
    /// λ of an L2 penalty taken into the gradient on the way in, 0 for none: the update uses g + λ·w (the product rounded,
    /// then the sum: the bits <see cref="GradientAdjustments.AddL2Penalty(ReadOnlySpan{float}, Span{float}, float)"/>
    /// writes) and leaves the gradient array as it is, which saves that separate pass over the range.
    /// </param>
    void UpdateRange(int parameter, int start, int length, float l2Penalty);
}
