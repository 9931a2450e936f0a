using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Transforms;
using MlNetNeural;
using MlNetNeural.Core.Training;
using MlNetNeural.FineTuning;
using MlNetNeural.Trainers;

namespace FineTuning;

/// <summary>
/// The whole story: pretrain on the digits 0-4, adapt to the digits 5-9 from a few labels with four variants over several
/// seeds, save the LoRA adapter apart from its base, prune the best model, and prune a ten-digit model on the whole file.
/// </summary>
public static class FineTuningStudy
{
    /// <summary>Runs the study, writing models, adapter and report into the settings' output directory.</summary>
    public static StudyResult Run(StudySettings settings, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutputDirectory);
        var ml = new MLContext(seed: 1);
        var digits = DigitImages.Load(ml, settings.RowLimit);
        var data = new TransferData(ml, digits);

        log(string.Create(CultureInfo.InvariantCulture, $"Pretraining 784-{string.Join("-", settings.HiddenLayers)}-5 on {data.PretrainingRows:N0} images of the digits 0-4 ..."));
        var pretrained = ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            HiddenLayers = settings.HiddenLayers, Dropout = 0.2f, MaxEpochs = settings.PretrainingEpochs, Seed = 1, ValidationFraction = 0.1f,
            InputScaling = InputScaling.None, EnsembleSize = 1, // one network, the starting point every variant adapts
        }).Fit(data.Pretraining);
        double pretrainedAccuracy = pretrained.Model.History.Epochs[pretrained.Model.BestEpoch - 1].ValidationMetric ?? double.NaN;
        log(string.Create(CultureInfo.InvariantCulture, $"  held-out accuracy on the digits 0-4: {pretrainedAccuracy:0.00%}"));

        log($"Adapting to the digits 5-9 from {settings.LabelsPerClass} labelled images per digit, {settings.Seeds} seeds ...");
        var variants = Comparison.Run(ml, data, pretrained.Model, settings, log);

        var lora = variants.Single(v => v.Variant.FineTuning is { LoraRank: > 0 }).Runs[0].Model;
        string adapterPath = Path.Combine(settings.OutputDirectory, "digits-5-9.mlna"), loraPath = Path.Combine(settings.OutputDirectory, "digits-5-9-lora.zip");
        MlpAdapter.Extract(pretrained.Model, lora.Model).Save(adapterPath);
        ml.Model.SaveSafely(lora, data.Pretraining.Schema, loraPath);

        var best = variants.MaxBy(v => v.MeanAccuracy)!;
        log($"Pruning the best variant ({best.Variant.Name}, seed 1) ...");
        var (train, test) = data.NewTask(seed: 1, settings.LabelsPerClass);
        var fineTunedPruning = PruningStudy.Run(best.Variant.Name, ml, best.Runs[0].Model, train, test, settings.Sparsities, settings.PruningEpochs,
            settings.OutputDirectory, log);

        log("Pruning a dense ten-digit model on the whole file ...");
        var tenDigitPruning = TenDigits(ml, digits, settings, log);

        var result = new StudyResult(data.PretrainingRows, pretrainedAccuracy, data.NewTaskRows, variants, new FileInfo(adapterPath).Length, new FileInfo(loraPath).Length,
            fineTunedPruning, tenDigitPruning, settings, clock.Elapsed);
        return result;
    }

    /// <summary>784-128-10 on 80% of the digits (8,000 of the whole file), tested on the other 20%, pruned to 50, 80, 90 and 95%.</summary>
    private static PruningResult TenDigits(MLContext ml, IReadOnlyList<DigitImage> digits, StudySettings settings, Action<string> log)
    {
        var all = ml.Data.LoadFromEnumerable(digits);
        var prepare = ml.Transforms.Conversion.MapValueToKey("Label", nameof(DigitImage.Digit), keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
            .Append(ml.Transforms.NormalizeMinMax("Features", nameof(DigitImage.Pixels)))
            .Fit(all);
        int trainRows = digits.Count * 4 / 5;
        var train = ml.Data.Cache(prepare.Transform(ml.Data.TakeRows(all, trainRows)));
        var test = ml.Data.Cache(prepare.Transform(ml.Data.SkipRows(all, trainRows)));
        var dense = ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
        {
            HiddenLayers = [128], MaxEpochs = settings.TenDigitEpochs, Seed = 1, InputScaling = InputScaling.None, ValidationFraction = 0f,
            EnsembleSize = 1, // one network, the one the pruning study prunes
        }).Fit(train);
        return PruningStudy.Run("ten digits", ml, dense, train, test, [0.5f, 0.8f, 0.9f, 0.95f], settings.TenDigitPruningEpochs, settings.OutputDirectory, log);
    }
}
