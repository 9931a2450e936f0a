using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using MlNetNeural;
using MlNetNeural.Models;
using MlNetNeural.Transformers;

namespace FineTuning;

/// <summary>One variant trained with one seed.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Seed">Seed of the labelled images and of the training.</param>
/// <param name="Accuracy">Micro-accuracy on the test images of the new digits.</param>
/// <param name="TrainableParameters">Values that trained.</param>
/// <param name="Seconds">Wall-clock time of the final Fit on all labelled images.</param>
/// <param name="LearningRate">The learning rate the variant chose on its held-out labelled images.</param>
/// <param name="Model">The trained model.</param>
public sealed record VariantRun(Variant Variant, int Seed, double Accuracy, long TrainableParameters, double Seconds, float LearningRate, MlpMulticlassPredictionTransformer Model);

/// <summary>A variant over all seeds.</summary>
/// <param name="Variant">The variant.</param>
/// <param name="Runs">One run per seed.</param>
public sealed record VariantSummary(Variant Variant, IReadOnlyList<VariantRun> Runs)
{
    /// <summary>Mean test accuracy.</summary>
    public double MeanAccuracy => Runs.Average(run => run.Accuracy);

    /// <summary>Sample standard deviation of the test accuracy over the seeds.</summary>
    public double AccuracyDeviation => Runs.Count < 2 ? 0 : Math.Sqrt(Runs.Sum(run => Math.Pow(run.Accuracy - MeanAccuracy, 2)) / (Runs.Count - 1));

    /// <summary>Lowest test accuracy.</summary>
    public double MinAccuracy => Runs.Min(run => run.Accuracy);

    /// <summary>Highest test accuracy.</summary>
    public double MaxAccuracy => Runs.Max(run => run.Accuracy);

    /// <summary>Mean seconds per Fit.</summary>
    public double MeanSeconds => Runs.Average(run => run.Seconds);

    /// <summary>Values that trained (the same for every seed).</summary>
    public long TrainableParameters => Runs[0].TrainableParameters;

    /// <summary>Per seed, this variant's accuracy minus <paramref name="other"/>'s on the same labelled and test images.</summary>
    public IReadOnlyList<double> GainsOver(VariantSummary other) =>
        Runs.Zip(other.Runs, (mine, theirs) => mine.Seed == theirs.Seed ? mine.Accuracy - theirs.Accuracy : throw new InvalidOperationException("The runs' seeds differ.")).ToArray();
}

/// <summary>Trains every variant on the labelled new digits of every seed and measures it on the rest.</summary>
public static class Comparison
{
    /// <summary>The summaries in <see cref="Variant.All"/>'s order.</summary>
    public static IReadOnlyList<VariantSummary> Run(MLContext ml, TransferData data, MlpModelParameters pretrained, StudySettings settings, Action<string> log)
    {
        var runs = new List<VariantRun>();
        for (int seed = 1; seed <= settings.Seeds; seed++)
        {
            var (train, test) = data.NewTask(seed, settings.LabelsPerClass);
            var tuning = ml.Data.TrainTestSplit(train, testFraction: 0.2, seed: seed);
            foreach (var variant in Variant.All)
            {
                float rate = settings.LearningRates.MaxBy(candidate =>
                    Accuracy(ml, Fit(ml, variant, settings, seed, candidate, tuning.TrainSet, pretrained), tuning.TestSet))!;
                var clock = Stopwatch.StartNew();
                var model = Fit(ml, variant, settings, seed, rate, train, pretrained);
                double seconds = clock.Elapsed.TotalSeconds;
                double accuracy = Accuracy(ml, model, test);
                var run = new VariantRun(variant, seed, accuracy, TrainableParameters(model.Model), seconds, rate, model);
                runs.Add(run);
                log(string.Create(CultureInfo.InvariantCulture,
                    $"  seed {seed}, {variant.Name,-17}: test accuracy {accuracy:0.00%}, learning rate {rate:0.###e0}, {run.TrainableParameters,9:N0} trainable parameters, {seconds,5:F1} s"));
            }
        }
        return Variant.All.Select(variant => new VariantSummary(variant, runs.Where(run => run.Variant == variant).ToArray())).ToArray();
    }

    private static MlpMulticlassPredictionTransformer Fit(MLContext ml, Variant variant, StudySettings settings, int seed, float rate, IDataView train, MlpModelParameters pretrained)
    {
        var trainer = ml.MulticlassClassification.Trainers.Mlp(variant.Options(settings, seed, rate));
        return variant.StartsFromPretrained ? trainer.Fit(train, pretrained) : trainer.Fit(train);
    }

    private static double Accuracy(MLContext ml, ITransformer model, IDataView test) => ml.MulticlassClassification.Evaluate(model.Transform(test)).MicroAccuracy;

    /// <summary>The values that trained: as the trainer recorded them for a fine-tuned model ("N of M (p%)"), or every parameter of a new one.</summary>
    private static long TrainableParameters(MlpModelParameters model)
    {
        var recorded = model.TrainerOptions.FirstOrDefault(option => option.Key == "TrainableParameters").Value;
        return recorded is null ? model.Network.ParameterCount : long.Parse(recorded.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
