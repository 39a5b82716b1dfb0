package dev.vouch.hardening;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What an image hands an attacker who gets in, as Dockle and CIS Docker benchmark 4.x ask: shells and package
 * managers left in, an SSH server, setuid/setgid files, root-owned files anyone may write, accounts without a
 * password, and uids shared by several accounts.
 *
 * @param shells shell executables present (paths without leading slash)
 * @param packageManagers package manager executables present
 * @param sshd the SSH daemon, when present
 * @param setuidSetgid setuid or setgid regular files
 * @param rootOwnedWorldWritable files and directories owned by uid 0 that others may write (sticky directories and
 *     /tmp-like places left out)
 * @param emptyPasswords accounts of /etc/shadow whose password field is empty (no password at all, unlike a locked
 *     {@code !} or {@code *})
 * @param duplicateUids uids that /etc/passwd gives to more than one account, with the accounts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HardeningFacts(
        List<String> shells,
        List<String> packageManagers,
        String sshd,
        List<String> setuidSetgid,
        List<String> rootOwnedWorldWritable,
        List<String> emptyPasswords,
        Map<String, List<String>> duplicateUids) {}
