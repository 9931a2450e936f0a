using System.Diagnostics;
using System.Globalization;
using MedicalImaging.Images;
using MedicalImaging.Reporting;
using MedicalImaging.Tabular;
using MedicalImaging.Uncertainty;
using Microsoft.ML;

namespace MedicalImaging;

/// <summary>
/// The sample's three parts, in order, each printing its tables as it goes (long steps print timestamped progress lines)
/// and storing its numbers in <see cref="RunResults"/>.
/// </summary>
public sealed class SampleRun(SampleOptions options, TextWriter output, RunResults results)
{
    /// <summary>Entropy threshold of the example decisions printed under the referral table.</summary>
    private const double ExampleEntropyThreshold = 0.35;

    private readonly MLContext _ml = new(seed: options.Seed);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Writes <paramref name="message"/> with the time since the run started, e.g. "[  12.3 s] ...".</summary>
    private void Progress(string message) => output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{_clock.Elapsed.TotalSeconds,6:F1} s] {message}"));

    /// <summary>Part 1: stratified 5-fold CV of the three model families on both tables of image measurements.</summary>
    public void CrossValidateTables()
    {
        var settings = new CrossValidationSettings(TargetSensitivity: options.TargetSensitivity, Repeats: options.Repeats, Seed: options.Seed);
        output.WriteLine($"== Part 1: diagnosis from image measurements ({settings.Folds}-fold stratified CV, {settings.Repeats} repeat(s)) ==");
        output.WriteLine($"Operating point: per fold, the threshold reaching sensitivity {settings.TargetSensitivity.ToString(CultureInfo.InvariantCulture)} " +
                         $"on out-of-fold predictions of a {settings.InnerFolds}-fold inner CV of the training part; the test fold only scores.");
        output.WriteLine($"Accuracy decides at probability 0.5; every metric is ML.NET's evaluator's. Mean ± sd over the {settings.Folds * settings.Repeats} test folds.");
        foreach (var table in new[] { ClinicalDatasets.BreastCancer(), ClinicalDatasets.CellSegmentation() })
        {
            output.WriteLine();
            output.WriteLine($"### {table.Name}: {table.Rows} cases, {table.FeatureNames.Count} features, " +
                             $"positive = {table.PositiveClass} ({table.Labels.Count(l => l)})");
            var validation = new CrossValidation(table, settings, Progress);
            var families = new List<FamilyResult>();
            foreach (var family in ModelFamilies.All(options.Seed))
            {
                var clock = Stopwatch.StartNew();
                families.Add(validation.Evaluate(family));
                Progress(FormattableString.Invariant($"{family.Name}: all {settings.Folds * settings.Repeats} folds in {clock.Elapsed.TotalSeconds:F1} s"));
            }
            output.WriteLine();
            output.Write(ResultsTable.Format(families, settings.TargetSensitivity));
            var chosen = families[0].Folds.GroupBy(f => f.ChosenSettings).Select(g => $"{g.Key} ({g.Count()} folds)");
            output.WriteLine($"{ModelFamilies.MlpName} settings chosen by the inner CV: {string.Join("; ", chosen)}");
            output.WriteLine($"{ModelFamilies.MlpName}, the same decisions {OutOfFoldPredictions.Of(families[0], table).Summary(_ml)} (the report shows these)");
            results.Tables.Add(new TableResults(table, families, settings));
        }
    }

    /// <summary>Part 2: Monte-Carlo dropout on the WDBC folds' MLPs, and the referral table.</summary>
    public void ReferUncertainCases()
    {
        var wdbc = results.Tables.FirstOrDefault()
            ?? throw new InvalidOperationException("Run CrossValidateTables first: the referral analysis uses its fold models.");
        var mlp = wdbc.Families.Single(f => f.Family.Name == ModelFamilies.MlpName);
        output.WriteLine();
        output.WriteLine($"== Part 2: uncertainty (Monte-Carlo dropout, {options.McPasses} seeded passes, out of fold) on {wdbc.Table.Name} ==");
        var cases = ReferralAnalysis.ScoreOutOfFold(_ml, wdbc.Table, mlp, options.McPasses, options.Seed);
        var levels = ReferralAnalysis.Levels(cases);
        output.Write(ReferralAnalysis.FormatLevels(levels));
        output.WriteLine($"Examples at entropy threshold {ExampleEntropyThreshold.ToString(CultureInfo.InvariantCulture)} (most uncertain first):");
        foreach (var example in cases.OrderByDescending(c => c.Entropy).Take(5).Concat(cases.OrderBy(c => c.Entropy).Take(2)))
        {
            output.WriteLine(FormattableString.Invariant(
                $"  case {example.Row,3}: P({wdbc.Table.PositiveClass}) = {example.ProbabilityMean:F2} ± {example.ProbabilityStdDev:F2}, entropy {example.Entropy:F2} -> {ReferralAnalysis.Decision(example, wdbc.Table, ExampleEntropyThreshold)} (truth: {(example.Label ? wdbc.Table.PositiveClass : wdbc.Table.NegativeClass)})"));
        }
        results.Referral = levels;

        var referred = cases.Where(c => c.Entropy > ExampleEntropyThreshold).OrderByDescending(c => c.Entropy).Take(ExplainedReferrals).ToArray();
        if (referred.Length == 0) return;
        output.WriteLine($"What drove the probability of the {referred.Length} most uncertain referred cases (contributions to the log-odds of {wdbc.Table.PositiveClass}, from the fold's average case; measurements as recorded):");
        var explanations = ReferralExplanations.Explain(_ml, wdbc.Table, mlp, referred);
        foreach (var explanation in explanations) output.WriteLine(ReferralExplanations.Format(explanation, wdbc.Table));
        results.ReferralExplanations = explanations;
    }

    /// <summary>Referred cases whose measurements are explained under the referral table.</summary>
    private const int ExplainedReferrals = 3;

    /// <summary>
    /// Part 3: the image pipeline on the given folder, or on synthetic demo images. Files it cannot use are named; an
    /// accuracy no better than guessing the most frequent class is said to be so.
    /// </summary>
    public void ClassifyImages()
    {
        var kind = options.Pretrained ? ImageFeatureKind.ResNet18 : ImageFeatureKind.Pixels;
        output.WriteLine();
        output.WriteLine($"== Part 3: image classification, {kind} features -> MlNetNeural Mlp head ==");
        string directory = options.ImageDirectory ?? WriteSyntheticImages();
        var folder = ImageFolder.Read(directory);
        var images = folder.Images;
        output.WriteLine($"{images.Count} images in {images.Select(i => i.Label).Distinct().Count()} classes from {directory}");
        if (folder.Skipped.Count > 0)
        {
            output.WriteLine($"Left out {folder.Skipped.Count} file(s) that are not usable images:");
            foreach (var skipped in folder.Skipped) output.WriteLine($"  {skipped.Path}: {skipped.Reason}");
        }
        var result = ImageClassifier.TrainAndTest(_ml, images, kind, options.Seed, output, Path.Combine(RunReport.ReportFolder, "image-attributions"));
        output.WriteLine(FormattableString.Invariant(
            $"Featurized once in {result.FeaturizeSeconds:F1} s; trained on {result.TrainImages}, held-out accuracy {100 * result.Accuracy:F1}% on {result.TestImages} images"));
        output.Write(result.ConfusionTable);
        if (!result.BetterThanChance)
            output.WriteLine(FormattableString.Invariant(
                $"WARNING: {result.CorrectImages} of {result.TestImages} right ({100 * result.Accuracy:F1}%) is not significantly better than always guessing the most frequent class ({100 * result.MajorityShare:F1}%): ") +
                "the model learned nothing usable. Check that the class sub-folders really differ in what the images show, add images, or try --pretrained.");
        if (result.AttributionImages.Count > 0)
        {
            output.WriteLine($"Attribution heat maps over {result.AttributionImages.Count} held-out images (each pixel's contribution to the predicted class's logit, from the mean training image):");
            foreach (string path in result.AttributionImages) output.WriteLine($"  {path}");
        }
        else if (kind == ImageFeatureKind.ResNet18)
            output.WriteLine("No attribution heat maps with --pretrained: contributions are to the 512 ResNet18 features, which are not pixels.");
        results.Images = result;
    }

    private string WriteSyntheticImages()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"medical-imaging-synthetic-{options.Seed}");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        SyntheticImages.Write(directory, perClass: 60, options.Seed);
        output.WriteLine("No --images folder given: using SYNTHETIC, NON-MEDICAL demo images rendered by this sample —");
        output.WriteLine($"'{SyntheticImages.Classes[0]}' (a bright filled disc) vs '{SyntheticImages.Classes[1]}' (two bright crossing bars) on noise.");
        output.WriteLine("They only show that the pipeline runs and learns; pass --images DIR for real images.");
        return directory;
    }
}
