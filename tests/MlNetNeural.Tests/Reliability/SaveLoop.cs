using Microsoft.ML;
using MlNetNeural.Core.Activations;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Training;
using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace MlNetNeural.Tests.Reliability;

/// <summary>
/// What the child process of the kill test does: saves model A, then model B, then A again, ... to one path with
/// SaveSafely, printing "saved A 85" or "saved B 80" (the model and the milliseconds the save took) after each save, until it is killed. The models are rebuilt from their
/// seeds, so the test knows exactly what each scores.
/// </summary>
internal static class SaveLoop
{
    public const int Features = 500, Hidden = 2000;

    /// <summary>An untrained binary MLP of about a million weights (4 MB, so a save takes long enough to be interrupted), from a seed.</summary>
    public static MlpBinaryPredictionTransformer Model(int seed)
    {
        var network = new NetworkArchitecture(Features, [Hidden], Activation.ReLU, 0f, 1).Build(new DeterministicRandom((ulong)seed));
        var history = TrainingHistory.Restore("accuracy", 0, StopReason.MaxEpochsReached, $"model {seed}", 0, 0, 0, []);
        return new MlpBinaryPredictionTransformer(new MlpModelParameters(MlpTask.BinaryClassification, network, [], history, []), "Features");
    }

    public static int Run(string path)
    {
        var ml = new MLContext(seed: 1);
        var models = new[] { ('A', Model(1)), ('B', Model(2)) };
        for (int i = 0; ; i++)
        {
            var (name, model) = models[i % 2];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ml.Model.SaveSafely(model, null, path);
            Console.Out.WriteLine($"saved {name} {clock.ElapsedMilliseconds}");
            Console.Out.Flush();
        }
    }
}
