using System.Globalization;
using System.Text;
using MlNetNeural.Core.IO;
using MlNetNeural.Reports;

namespace FineTuning;

/// <summary>Everything the study measured.</summary>
/// <param name="PretrainingRows">Images of the digits 0-4.</param>
/// <param name="PretrainingValidationAccuracy">The pretrained model's accuracy on its held-out tenth of the digits 0-4.</param>
/// <param name="NewTaskRows">Images of the digits 5-9.</param>
/// <param name="Variants">The comparison, one summary per variant.</param>
/// <param name="AdapterBytes">Size of the LoRA adapter file of seed 1.</param>
/// <param name="LoraModelBytes">Size of the same LoRA model saved whole.</param>
/// <param name="FineTunedPruning">Pruning of the best variant's seed-1 model on its labelled images.</param>
/// <param name="TenDigitPruning">Pruning of a dense ten-digit model on the whole file.</param>
/// <param name="Settings">The settings.</param>
/// <param name="Elapsed">Time the whole study took.</param>
public sealed record StudyResult(int PretrainingRows, double PretrainingValidationAccuracy, int NewTaskRows, IReadOnlyList<VariantSummary> Variants,
    long AdapterBytes, long LoraModelBytes, PruningResult FineTunedPruning, PruningResult TenDigitPruning, StudySettings Settings, TimeSpan Elapsed);

/// <summary>Writes the study as Markdown with the accuracy-against-sparsity chart (PNG and SVG).</summary>
public static class StudyReport
{
    private static readonly CultureInfo Text = CultureInfo.InvariantCulture;

    /// <summary>Writes fine-tuning.md, sparsity.png and sparsity.svg into <paramref name="directory"/>; returns the Markdown path.</summary>
    public static string Write(StudyResult result, string directory)
    {
        var plot = SparsityCurves.Plot(
            [Curve($"digits 5-9, {result.FineTunedPruning.Name}", result.FineTunedPruning), Curve("ten digits, 784-128-10", result.TenDigitPruning)],
            "Test accuracy", "Each point: the model pruned to that sparsity by magnitude and fine-tuned with the pruned weights held at zero; 0% is the dense model.", "0.0%");
        AtomicFile.Write(Path.Combine(directory, "sparsity.png"), stream => stream.Write(plot.ToPng()));
        AtomicFile.Write(Path.Combine(directory, "sparsity.svg"), stream => stream.Write(Encoding.UTF8.GetBytes(plot.ToSvg())));
        string path = Path.Combine(directory, "fine-tuning.md");
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(Markdown(result))));
        return path;
    }

    private static SparsityCurve Curve(string name, PruningResult pruning) =>
        new(name, [new SparsityPoint(0, pruning.DenseAccuracy), .. pruning.Pruned.Select(p => new SparsityPoint(p.Sparsity, p.Accuracy))]);

    private static string Markdown(StudyResult r)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        md.AppendLine("# Fine-tuning study: MNIST digits 0-4 → 5-9").AppendLine();
        md.AppendLine(string.Create(Text,
            $"Pretrained on {r.PretrainingRows:N0} images of the digits 0-4 (784-{string.Join("-", s.HiddenLayers)}-5, dropout 0.2, {s.PretrainingEpochs} epochs; {r.PretrainingValidationAccuracy:0.00%} on a held-out tenth), " +
            $"then adapted to the digits 5-9 from {s.LabelsPerClass} labelled images per digit ({5 * s.LabelsPerClass} in all) and tested on the other {r.NewTaskRows - 5 * s.LabelsPerClass:N0} images of those digits. " +
            $"Every variant: the same network shape, Adam, batch 32, {s.FineTuningEpochs} epochs, the learning rate chosen from {string.Join(", ", s.LearningRates.Select(Rate))} " +
            $"by accuracy on a fifth of the labelled images after training on the rest, then trained on all of them; {s.Seeds} seeds, each drawing its own labelled images and initial weights. " +
            $"The gain over training from scratch is paired by seed (same labelled and test images)."));
        var scratch = r.Variants[0];
        md.AppendLine().AppendLine("| variant | what trains | test accuracy, mean ± sd | min – max | gain over from scratch, mean ± sd (min) | trainable parameters | learning rates chosen | seconds per fit |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var v in r.Variants)
        {
            var gains = v.GainsOver(scratch);
            string gain = v == scratch ? "" : Gain(gains);
            md.AppendLine(string.Create(Text,
                $"| {v.Variant.Name} | {v.Variant.Description} | {v.MeanAccuracy:0.00%} ± {v.AccuracyDeviation * 100:F2} | {v.MinAccuracy:0.00%} – {v.MaxAccuracy:0.00%} | {gain} | {v.TrainableParameters:N0} | {string.Join(", ", v.Runs.Select(run => Rate(run.LearningRate)))} | {v.MeanSeconds:F1} |"));
        }
        md.AppendLine().AppendLine(string.Create(Text,
            $"The LoRA model of seed 1 saved whole: {r.LoraModelBytes:N0} bytes; its adapter alone (LoRA factors and the new output layer, `MlpAdapter.Save`): {r.AdapterBytes:N0} bytes."));
        AppendPruning(md, r.FineTunedPruning, $"Pruning the best fine-tuned model ({r.FineTunedPruning.Name}, seed 1), fine-tuned on its {5 * s.LabelsPerClass} labelled images for {s.PruningEpochs} epochs");
        AppendPruning(md, r.TenDigitPruning, $"Pruning a dense ten-digit model (784-128-10, {s.TenDigitEpochs} epochs on 8,000 images, tested on 2,000), fine-tuned for {s.TenDigitPruningEpochs} epochs");
        md.AppendLine().AppendLine("![Test accuracy against sparsity](sparsity.png)").AppendLine();
        md.AppendLine(string.Create(Text, $"The study took {r.Elapsed.TotalSeconds:F0} s."));
        return md.ToString();
    }

    private static string Rate(float rate) => rate.ToString("0.###e0", Text);

    private static string Gain(IReadOnlyList<double> gains) =>
        string.Create(Text, $"{100 * gains.Average():+0.00;-0.00} ± {100 * StandardDeviation(gains):F2} ({100 * gains.Min():+0.00;-0.00}) points");

    private static double StandardDeviation(IReadOnlyList<double> values) =>
        values.Count < 2 ? 0 : Math.Sqrt(values.Sum(v => Math.Pow(v - values.Average(), 2)) / (values.Count - 1));

    private static void AppendPruning(StringBuilder md, PruningResult pruning, string title)
    {
        md.AppendLine().AppendLine($"## {title}").AppendLine();
        md.AppendLine("| target sparsity | pruned weights | test accuracy | change | model file | of dense file | layers |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        md.AppendLine(string.Create(Text, $"| dense | 0% | {pruning.DenseAccuracy:0.00%} | | {pruning.DenseFileBytes:N0} B | 100% | |"));
        foreach (var p in pruning.Pruned)
            md.AppendLine(string.Create(Text,
                $"| {100 * p.TargetSparsity:0}% | {p.Sparsity:0.0%} | {p.Accuracy:0.00%} | {100 * (p.Accuracy - pruning.DenseAccuracy):+0.00;-0.00} points | {p.FileBytes:N0} B | {(double)p.FileBytes / pruning.DenseFileBytes:0.0%} | {string.Join("-", p.LayerSizes)} |"));
    }
}
