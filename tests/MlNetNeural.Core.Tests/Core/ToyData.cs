using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Tests.Core;

/// <summary>Small synthetic problems for learning tests.</summary>
internal static class ToyData
{
    public static TrainingData Xor() => new([0, 0, 0, 1, 1, 0, 1, 1], 2, [0, 1, 1, 0]);

    /// <summary>Two noisy concentric circles (radius 1 → class 0, radius 2 → class 1).</summary>
    public static TrainingData Circles(int rows, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var features = new float[rows * 2];
        var targets = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            int label = i % 2;
            double angle = 2 * Math.PI * random.NextFloat();
            double radius = (label == 0 ? 1.0 : 2.0) + 0.15 * random.NextGaussian();
            features[2 * i] = (float)(radius * Math.Cos(angle));
            features[2 * i + 1] = (float)(radius * Math.Sin(angle));
            targets[i] = label;
        }
        return new TrainingData(features, 2, targets);
    }

    /// <summary>The same rows with only their first feature.</summary>
    public static TrainingData Take1Feature(this TrainingData data) =>
        new(Enumerable.Range(0, data.Rows).Select(row => data.Features[row * data.FeatureCount]).ToArray(), 1, data.Targets);

    /// <summary>y = sin(x₀) + noise with few rows: a network overfits it quickly.</summary>
    public static TrainingData NoisySine(int rows, int seed)
    {
        var random = new DeterministicRandom((ulong)seed);
        var features = new float[rows * 3];
        var targets = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 3; j++) features[3 * i + j] = 2f * random.NextGaussian();
            targets[i] = MathF.Sin(features[3 * i]) + 0.5f * random.NextGaussian();
        }
        return new TrainingData(features, 3, targets);
    }
}
