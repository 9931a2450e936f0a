using System.Diagnostics;
using Microsoft.ML;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>Not a benchmark: fits each pipeline of <see cref="PipelineFitBenchmarks"/> once and prints test accuracy and fit time.</summary>
public static class TabularAccuracy
{
    /// <summary>Runs every trainer and writes one line each.</summary>
    /// <param name="output">Where to write.</param>
    public static void Run(TextWriter output)
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = DigitsData.Load(ml);
        output.WriteLine("MNIST digits, 8,000 train / 2,000 test, MapValueToKey -> NormalizeMinMax -> trainer");
        foreach (var (name, create) in DigitsData.Trainers)
        {
            var clock = Stopwatch.StartNew();
            var model = DigitsData.Pipeline(ml, create(ml)).Fit(train);
            double seconds = clock.Elapsed.TotalSeconds;
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test));
            output.WriteLine($"{name,-20} micro-accuracy {metrics.MicroAccuracy:P2}  macro-accuracy {metrics.MacroAccuracy:P2}  log-loss {metrics.LogLoss:F4}  fit {seconds:F1} s");
        }
    }
}
