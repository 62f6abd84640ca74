"""bin/burnrate contain: list, approve or undo the containment actions of a deployed burnrate.

With your AWS credentials (the usual AWS_PROFILE / AWS_REGION / environment): reads the stack's ContainFunctionName
output (cloudformation:DescribeStacks), asks STS who you are (sts:GetCallerIdentity, recorded in the action's
history as who approved or undid it), and invokes that function (lambda:InvokeFunction) with
{"contain": "list" | "approve" | "undo", "id": ID, "by": YOUR_ARN}. The function acts with its own role and the
stack's secret: your credentials never reach a vendor. Approving or undoing twice acts once.

Exit status: 0 done (or listed), 1 refused or not done (the reason is printed), 2 a bad command line.
"""
import argparse
import json
import re
import sys

import aws_cli

PROG = "bin/burnrate contain"

ID = re.compile(r"c[a-z2-7]{12}")


def command_event(verb, action_id=None, by=None):
    """The function's event for one request."""
    event = {"contain": verb}
    if action_id:
        event["id"] = action_id
    if by:
        event["by"] = by
    return event


def action_lines(action, history=True):
    """One action for people: its id, what, where it stands and why; then its history, oldest first."""
    lines = [f"{action['id']}  {action['status']:<11} {action['label']} ({action['mode']})",
             f"    why:    {action['reason']}"]
    if action.get("before"):
        lines.append(f"    before: {action['before']}")
    if action.get("answer"):
        lines.append(f"    answer: {action['answer']}")
    if history:
        lines += [f"    {event}" for event in action.get("history") or []]
    return lines


def answer_lines(answer):
    """The function's answer for people, and the exit status it means."""
    if answer.get("errorMessage"):
        return [f"the function failed: {answer['errorMessage']}"], 1
    if answer.get("refused"):
        return [f"refused: {answer['refused']}"], 1
    lines = []
    if answer.get("message") and answer.get("moved") is None:
        lines.append(answer["message"])
    for action in answer.get("actions") or []:
        lines += action_lines(action)
    if answer.get("moved") is not None:
        lines.append(("done: " if answer["moved"] else "not done: ") + (answer.get("message") or ""))
        return lines, 0 if answer["moved"] else 1
    return lines, 0


def function_of_stack(aws, stack, endpoint):
    outputs = aws_cli.stack_outputs(aws, stack, endpoint)
    if "ContainFunctionName" in outputs:
        return outputs["ContainFunctionName"]
    if "LedgerTableName" in outputs:
        raise aws_cli.CliError(f"stack {stack} has containment off: deploy it with ContainmentPolicies set "
                               "(README, Containment)")
    raise aws_cli.CliError(f"stack {stack} has no ContainFunctionName output: is it a burnrate stack?")


def invoke(session, function, event, endpoint):
    answer = session.client("lambda", endpoint_url=endpoint).invoke(FunctionName=function,
                                                                     Payload=json.dumps(event).encode())
    return json.loads(answer["Payload"].read() or b"{}")


def parse_args(argv):
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("verb", choices=("list", "approve", "undo"), help="list every action, or approve or undo one")
    parser.add_argument("id", nargs="?", help="the action's id (c and 12 letters or digits; list shows them)")
    parser.add_argument("--stack", required=True, help="the CloudFormation stack burnrate was deployed as")
    parser.add_argument("--region", help="AWS region (default: your AWS configuration's)")
    parser.add_argument("--json", action="store_true", help="print the function's answer as it is, for scripts")
    parser.add_argument("--endpoint", help=argparse.SUPPRESS)  # a local moto, for the tests
    args = parser.parse_args(argv)
    if args.verb == "list" and args.id:
        parser.error("list takes no id")
    if args.verb != "list" and not args.id:
        parser.error(f"{args.verb} needs the action's id: bin/burnrate contain {args.verb} ID --stack NAME "
                     "(bin/burnrate contain list --stack NAME shows them)")
    if args.id and not ID.fullmatch(args.id):
        parser.error(f"'{args.id}' is not an action id: those are c and 12 letters or digits, e.g. cynltwwnjwbtl")
    return args


def main(argv=None):
    args = parse_args(argv)
    aws = aws_cli.session(PROG, args.region)
    with aws_cli.refusals(PROG):
        function = function_of_stack(aws, args.stack, args.endpoint)
        by = aws.client("sts", endpoint_url=args.endpoint).get_caller_identity()["Arn"] if args.verb != "list" else None
        answer = invoke(aws, function, command_event(args.verb, args.id, by), args.endpoint)
    lines, status = answer_lines(answer)
    print(json.dumps(answer, indent=2) if args.json else "\n".join(lines))
    sys.exit(status)


if __name__ == "__main__":
    main()
