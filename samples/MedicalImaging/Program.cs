// Medical imaging sample: diagnosis from image measurements (cross-validated against ML.NET's own
// trainers), an image pipeline (pixels or a frozen ResNet18) with our MLP as the head, and Monte-Carlo
// dropout uncertainty that refers doubtful cases to a clinician. See docs/medical-imaging.md.
using MedicalImaging;
using MedicalImaging.Reporting;

SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}
if (options.ShowHelp)
{
    Console.WriteLine(SampleOptions.Usage);
    return 0;
}

var results = new RunResults();
var run = new SampleRun(options, Console.Out, results);
try
{
    if (!options.ImagesOnly)
    {
        run.CrossValidateTables();      // part 1
        run.ReferUncertainCases();      // part 2
    }
    run.ClassifyImages();               // part 3
}
catch (Exception error) when (error is IOException or InvalidDataException)
{
    // Missing or malformed input (image folder, data file): the message says which and what to do.
    Console.Error.WriteLine(error.Message);
    return 1;
}
RunReport.Publish(results, Console.Out);
return 0;
