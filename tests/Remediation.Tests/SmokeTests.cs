namespace Remediation.Tests;
public class SmokeTests { [Fact] public void True() => Assert.True(1 + 1 == 2); }
