using System.Globalization;
using System.Xml.Linq;

namespace Perf.Analysis.Gates;

/// <summary>Renders a <see cref="GateReport"/> as JUnit XML: one test suite per gate suite, one test case per check.</summary>
public static class JUnitXml
{
    /// <summary>The XML text (UTF-8 declaration, invariant numbers).</summary>
    public static string Render(GateReport report, DateTime timestampUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var suites = report.Checks.GroupBy(check => check.Suite, StringComparer.Ordinal).Select(group => new XElement(
            "testsuite",
            new XAttribute("name", "perf-gate." + group.Key),
            new XAttribute("tests", group.Count()),
            new XAttribute("failures", group.Count(x => x.Outcome == GateOutcome.Failed)),
            new XAttribute("errors", group.Count(x => x.Outcome == GateOutcome.Error)),
            new XAttribute("skipped", group.Count(x => x.Outcome == GateOutcome.Skipped)),
            new XAttribute("time", group.Sum(x => x.Seconds).ToString("0.###", c)),
            new XAttribute("timestamp", timestampUtc.ToString("yyyy-MM-ddTHH:mm:ss", c)),
            group.Select(check => new XElement(
                "testcase",
                new XAttribute("classname", "perf-gate." + check.Suite),
                new XAttribute("name", check.Name),
                new XAttribute("time", check.Seconds.ToString("0.###", c)),
                check.Outcome switch
                {
                    GateOutcome.Failed => new XElement("failure", new XAttribute("message", check.Message), new XAttribute("type", "regression"), check.Message),
                    GateOutcome.Error => new XElement("error", new XAttribute("message", check.Message), new XAttribute("type", "invalid-run"), check.Message),
                    GateOutcome.Skipped => new XElement("skipped", new XAttribute("message", check.Message)),
                    _ => new XElement("system-out", check.Message),
                }))));
        var root = new XElement(
            "testsuites",
            new XAttribute("name", "perf-gate"),
            new XAttribute("tests", report.Checks.Count),
            new XAttribute("failures", report.Checks.Count(x => x.Outcome == GateOutcome.Failed)),
            new XAttribute("errors", report.Checks.Count(x => x.Outcome == GateOutcome.Error)),
            new XAttribute("skipped", report.Checks.Count(x => x.Outcome == GateOutcome.Skipped)),
            new XAttribute("time", report.Checks.Sum(x => x.Seconds).ToString("0.###", c)),
            suites);
        return new XDeclaration("1.0", "utf-8", null) + "\n" + root + "\n";
    }
}
