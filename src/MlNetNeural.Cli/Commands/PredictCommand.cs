using Spectre.Console;
using Microsoft.ML;
using MlNetNeural.Cli.CommandLine;
using MlNetNeural.Cli.Display;
using MlNetNeural.Cli.Output;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Commands;

/// <summary><c>mlnn predict</c>: scores every row of a CSV and writes it back with the prediction columns added.</summary>
internal sealed class PredictCommand : ICliCommand
{
    public string Name => "predict";

    public string Summary => "score a CSV and write it with predicted-label / probability / score columns added";

    public string Usage =>
        "mlnn predict --model DIR/model.zip --data FILE.csv --out PREDICTIONS.csv\n" +
        "  Reads FILE.csv with the model's column decisions (the label column may be absent; if present it is ignored) and\n" +
        "  writes every row, in order, with the columns it added: binary PredictedLabel (the class), Probability, Score;\n" +
        "  multiclass PredictedLabel and one probability column per class (Score.CLASS); regression Score.";

    public int Run(IReadOnlyList<string> args, CliEnvironment environment)
    {
        var parsed = ParsedArguments.Parse(Name, args, new HashSet<string> { "--model", "--data", "--out" });
        string modelPath = parsed.Required("--model", "DIR/model.zip (written by mlnn train)");
        string dataPath = parsed.Required("--data", "FILE.csv (rows to predict)");
        string outPath = parsed.Required("--out", "FILE.csv (where the predictions go)");
        OutputPaths.CheckFile("--out", outPath, "predictions.csv");
        var ml = new MLContext(seed: 1);
        var model = TabularModel.Load(ml, modelPath);
        var table = CsvTable.Read(dataPath);
        var data = model.ReadForPrediction(table);
        var scored = model.Pipeline.Transform(data.ToDataView());
        var added = PredictionsCsv.Write(outPath, table, scored, model.Decisions.Label);
        environment.Line($"Wrote {outPath}: {table.RowCount:N0} rows of {dataPath} with {string.Join(", ", added)}.");
        UnfamiliarValueNotes.Write(environment, model.Decisions, scored);
        return ExitCodes.Success;
    }
}
