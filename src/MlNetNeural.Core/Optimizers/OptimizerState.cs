using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

internal static class OptimizerState
{
    /// <summary>One zero-filled array per parameter, for optimizer state, allocated once.</summary>
    public static float[][] ZerosLike(IReadOnlyList<Parameter> parameters) =>
        parameters.Select(p => new float[p.Values.Length]).ToArray();

    /// <summary>"{what} of {parameter}[{index}] is {value}" for the first value of <paramref name="state"/> that is not finite, or null.</summary>
    public static string? DescribeNonFinite(float[][]? state, IReadOnlyList<Parameter> parameters, string what)
    {
        if (state is null) return null;
        for (int p = 0; p < state.Length; p++)
        {
            int index = Kernels.FiniteValues.IndexOfNonFinite(state[p]);
            if (index >= 0) return $"{what} of {parameters[p].Name}[{index}] overflowed to {state[p][index]}, so that weight can no longer change";
        }
        return null;
    }
}
