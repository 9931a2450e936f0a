using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;

namespace MlNetNeural.Core.Initialization;

/// <summary>Fills dense layers' weights from a seeded generator.</summary>
public static class WeightInitializer
{
    /// <summary>Draws the weights of <paramref name="layer"/> by <paramref name="scheme"/> and zeroes its biases.</summary>
    /// <param name="layer">The layer to initialise.</param>
    /// <param name="scheme">The distribution.</param>
    /// <param name="random">The generator (advanced by the draw).</param>
    public static void Initialize(DenseLayer layer, WeightInitialization scheme, DeterministicRandom random)
    {
        int fanIn = layer.InputSize, fanOut = layer.OutputSize;
        float[] weights = layer.Weights.Values;
        switch (scheme)
        {
            case WeightInitialization.HeNormal:
                FillNormal(weights, MathF.Sqrt(2f / fanIn), random);
                break;
            case WeightInitialization.HeUniform:
                FillUniform(weights, MathF.Sqrt(6f / fanIn), random);
                break;
            case WeightInitialization.GlorotNormal:
                FillNormal(weights, MathF.Sqrt(2f / (fanIn + fanOut)), random);
                break;
            case WeightInitialization.GlorotUniform:
                FillUniform(weights, MathF.Sqrt(6f / (fanIn + fanOut)), random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown weight initialisation.");
        }
        Array.Clear(layer.Bias.Values);
    }

    private static void FillNormal(float[] values, float sigma, DeterministicRandom random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = sigma * random.NextGaussian();
    }

    private static void FillUniform(float[] values, float limit, DeterministicRandom random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = limit * (2f * random.NextFloat() - 1f);
    }
}
