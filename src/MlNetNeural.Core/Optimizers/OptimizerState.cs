using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Optimizers;

internal static class OptimizerState
{
    /// <summary>One zero-filled array per parameter, for optimizer state, allocated once.</summary>
    public static float[][] ZerosLike(IReadOnlyList<Parameter> parameters) =>
        parameters.Select(p => new float[p.Values.Length]).ToArray();
}
