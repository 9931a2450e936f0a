using System.Globalization;
using MlNetNeural.Cli;
using Spectre.Console;

// Numbers in files and messages are written the same way on every machine (metrics.json, predictions, the example program).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Ctrl+C: the first press ends the search (the best candidate so far is fitted and everything is written), the second
// ends that final fit early (the model keeps its best weights so far), a third stops the process at once.
using var stopSearch = new CancellationTokenSource();
using var stopFinalFit = new CancellationTokenSource();
int presses = 0;
Console.CancelKeyPress += (_, e) =>
{
    presses++;
    e.Cancel = presses <= 2;
    if (presses == 1)
    {
        Console.Error.WriteLine("Ctrl+C: ending the search; the best model so far will be fitted and written (press again to cut that short).");
        stopSearch.Cancel();
    }
    else if (presses == 2)
    {
        Console.Error.WriteLine("Ctrl+C: ending the final fit early; its best weights so far are kept (press again to quit at once).");
        stopFinalFit.Cancel();
    }
};
// Redirected output (a log, CI) is not measured by a terminal: give tables room instead of Spectre's 80 columns.
if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 120;
return CliApplication.Run(args, new CliEnvironment(AnsiConsole.Console, Console.Error, stopSearch.Token, stopFinalFit.Token));
